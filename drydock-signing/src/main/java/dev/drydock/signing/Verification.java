package dev.drydock.signing;

import java.util.List;

/**
 * The outcome of verifying one image's signatures.
 *
 * @param verified whether a signature by one of the keys was found whose payload names the image's digest and
 *     carries every required annotation
 * @param imageDigest the image's manifest (or index) digest
 * @param signedBy the fingerprint of the key that verified, or null
 * @param via where the verified signature was found ({@code tag sha256-<hex>.sig} or {@code referrer <digest>}),
 *     or null
 * @param reason one line saying why it did not verify (null when verified)
 * @param keys the fingerprints of the keys tried
 * @param signatures how many signatures were examined
 */
public record Verification(boolean verified, String imageDigest, String signedBy, String via, String reason,
    List<String> keys, int signatures) {
  public Verification {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
