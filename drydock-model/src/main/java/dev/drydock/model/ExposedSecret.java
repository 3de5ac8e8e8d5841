package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A secret found in a file, an image layer, the image config or a git commit. The secret itself is never
 * kept: only a redacted prefix and a fingerprint. (Weak crypto and insecure code are
 * {@link Misconfiguration}s with a CWE in their references.)
 *
 * @param ruleId the rule that matched ({@code DD-SEC-0xx} or a custom rule's id)
 * @param category what the secret unlocks, derived from the rule (docs/secrets.md, "Categories"):
 *     {@code private-key}, {@code cloud}, {@code ci}, {@code saas} or {@code generic}; null in results written
 *     before categories existed
 * @param severity severity of the rule
 * @param title what was found ("AWS access key id")
 * @param path the file (image-root-relative in images; {@code image-config:env} / {@code image-config:history}
 *     for the image config)
 * @param line 1-based line of the match
 * @param column 1-based column of the match
 * @param redacted first 4 characters of the secret followed by {@code ****} ({@code ****} alone for
 *     secrets of 8 characters or less)
 * @param fingerprint hex SHA-256 of ruleId:path:line:sha256(secret), stable for baselines
 * @param layerDiffId the layer holding the file, if any
 * @param deleted true when an upper layer deletes the file: it is gone from the final image but still in
 *     the layer anyone can pull
 * @param commit the git commit that added it, if any
 * @param author that commit's author ({@code Name <email>}), if any
 * @param date that commit's date (ISO-8601), if any
 */
public record ExposedSecret(
    String ruleId,
    String category,
    Severity severity,
    String title,
    String path,
    int line,
    int column,
    String redacted,
    String fingerprint,
    String layerDiffId,
    boolean deleted,
    String commit,
    String author,
    String date) implements Finding {

  @JsonIgnore
  @Override
  public FindingKind kind() {
    return FindingKind.SECRET;
  }

  /** {@code path:line}, or {@code path} when the line is not known. */
  @JsonIgnore
  @Override
  public String location() {
    return Finding.fileLine(path, line);
  }

  /** None: controls are evidence of configuration checks. */
  @JsonIgnore
  @Override
  public List<String> controls() {
    return List.of();
  }

  /** A secret in a plain file (no layer, no commit). */
  public static ExposedSecret inFile(String ruleId, String category, Severity severity, String title, String path,
      int line, int column, String redacted, String fingerprint) {
    return new ExposedSecret(ruleId, category, severity, title, path, line, column, redacted, fingerprint, null,
        false, null, null, null);
  }

  /** The same finding, located in {@code diffId}, {@code deleted} from the final image or not. */
  public ExposedSecret inLayer(String diffId, boolean isDeleted) {
    return new ExposedSecret(ruleId, category, severity, title, path, line, column, redacted, fingerprint, diffId,
        isDeleted, commit, author, date);
  }

  /** The same finding with {@code value} as its category. */
  public ExposedSecret withCategory(String value) {
    return new ExposedSecret(ruleId, value, severity, title, path, line, column, redacted, fingerprint, layerDiffId,
        deleted, commit, author, date);
  }

  /** The same finding with {@code value} as its fingerprint (a keyed one, see drydock-secrets' FingerprintKey). */
  public ExposedSecret withFingerprint(String value) {
    return new ExposedSecret(ruleId, category, severity, title, path, line, column, redacted, value, layerDiffId,
        deleted, commit, author, date);
  }
}
