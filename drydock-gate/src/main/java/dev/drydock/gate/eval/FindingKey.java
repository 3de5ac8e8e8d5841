package dev.drydock.gate.eval;

import dev.drydock.gate.GateFinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two gate findings one finding when they are counted (docs/baseline.md, "Counting findings").
 *
 * <p>A finding that names a package is its {@code id} (advisory or rule) in that package ({@code purl}), in
 * the layer that brought the package. One that names no package is its {@code id} at its {@code location}
 * in its layer, with its {@code title}: a check that fires twice on the same file or on the image config
 * (two secret-looking environment variables) says two different things. The finding's kind and the rule
 * that selected it are not part of it: a known-exploited vulnerability that fails {@code vuln.fixable-kev}
 * and, as a drift finding, {@code ratchet.kev} is one finding.
 *
 * @param id the advisory or rule id (a secret's fingerprint)
 * @param purl the package, null when the finding names none
 * @param location the file or URL, for findings without a package
 * @param title the one-line title, for findings without a package
 * @param layerDiffId the layer, may be null
 */
public record FindingKey(String id, String purl, String location, String title, String layerDiffId) {

  /** The key of {@code f}. */
  public static FindingKey of(GateFinding f) {
    return f.purl() != null
        ? new FindingKey(f.id(), f.purl(), null, null, f.layerDiffId())
        : new FindingKey(f.id(), null, f.location(), f.title(), f.layerDiffId());
  }

  /**
   * A stable fingerprint of this key: the first 32 hex digits of the SHA-256 of its fields (null as empty),
   * each followed by a NUL. SARIF results carry it, so a SARIF consumer counts findings as the gate does.
   */
  public String fingerprint() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (String s : new String[] {id, purl, location, title, layerDiffId}) {
      sha.update((s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
  }
}
