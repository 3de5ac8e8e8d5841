package dev.drydock.secrets;

import dev.drydock.model.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret detection rule.
 *
 * @param id drydock rule id (DD-SEC-0xx)
 * @param description what the rule finds
 * @param keywords lower-case literals; the regex runs only near a hit of one of them
 * @param regex the token shape
 * @param secretGroup capture group holding the secret (0 = the whole match)
 * @param entropy minimum Shannon entropy (bits per character) of the secret, or null for none
 * @param allowlist patterns that, when found in the secret, suppress the finding
 * @param severity severity of a finding
 * @param gitleaksId the equivalent gitleaks rule id, or null
 */
public record Rule(
    String id,
    String description,
    List<String> keywords,
    Pattern regex,
    int secretGroup,
    Double entropy,
    List<Pattern> allowlist,
    Severity severity,
    String gitleaksId) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(severity, "severity");
    description = description == null ? "" : description;
    if (keywords == null || keywords.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " has no keywords");
    }
    for (String k : keywords) {
      if (k.isEmpty() || !k.equals(k.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("rule " + id + ": keyword must be non-empty lower case: " + k);
      }
    }
    if (secretGroup < 0 || secretGroup > regex.matcher("").groupCount()) {
      throw new IllegalArgumentException("rule " + id + ": no capture group " + secretGroup);
    }
    keywords = List.copyOf(keywords);
    allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
  }

  /** True if an allowlist pattern is found in the secret. */
  boolean allowed(String secret) {
    for (Pattern p : allowlist) {
      if (p.matcher(secret).find()) {
        return true;
      }
    }
    return false;
  }
}
