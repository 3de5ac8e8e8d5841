package dev.drydock.model;

import java.util.List;

/**
 * The outcome of verifying the scanned image's signature ({@code scan --verify-key}), kept in the result so the
 * gate judges it later ({@code drydock gate}, rule {@code DD-SIG-001}: docs/signing.md). Absent from a result
 * scanned without {@code --verify-key}; a baseline with the rule then fails closed.
 *
 * @param verified whether a signature by one of {@code keys} names the image's digest (and carries every required
 *     annotation)
 * @param imageDigest the digest that was verified (the image's manifest or index digest), or null when the
 *     target has none (a root filesystem, a docker archive)
 * @param signedBy the fingerprint ({@code sha256:<hex>} of the SubjectPublicKeyInfo) of the key that verified, or
 *     null
 * @param via where the verified signature was found ({@code tag sha256-<hex>.sig}, {@code referrer <digest>}), or
 *     null
 * @param reason why it did not verify (one line), or null
 * @param keys the fingerprints of the keys it was verified against
 */
public record SignatureCheck(boolean verified, String imageDigest, String signedBy, String via, String reason,
    List<String> keys) {
  public SignatureCheck {
    keys = keys == null ? List.of() : List.copyOf(keys);
  }
}
