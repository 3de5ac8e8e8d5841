package dev.drydock.secrets;

import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret detection rule.
 *
 * @param id drydock rule id (DD-SEC-0xx) or a custom rule's id
 * @param description what the rule finds (the finding's title)
 * @param keywords lower-case literals; the regex runs only near a hit of one of them. Empty: the regex runs
 *     over the whole file (custom rules only; see docs/secrets.md for the cost)
 * @param regex the token shape, or null for a path-only rule (gitleaks {@code path} without {@code regex})
 * @param secretGroup capture group holding the secret; 0 = the first group that took part, or the whole
 *     match when the regex has no group
 * @param entropy minimum Shannon entropy (bits per character) of the secret, or null for none
 * @param allowlists conditions that suppress a finding
 * @param severity severity of a finding
 * @param gitleaksId the equivalent gitleaks rule id, or null
 * @param path the rule applies only to files whose path matches, or null for every file
 * @param tags free labels; {@code generic} rules run after all specific ones, so a specific rule claims a
 *     token first
 * @param validator an extra check on a match (built-in rules only), or null
 * @param anchored true when every match starts where a keyword starts: the regex is then tried only at the
 *     keyword hits instead of across a window around them (much cheaper for common keywords)
 */
public record Rule(
    String id,
    String description,
    List<String> keywords,
    SecretPattern regex,
    int secretGroup,
    Double entropy,
    List<Allowlist> allowlists,
    Severity severity,
    String gitleaksId,
    SecretPattern path,
    List<String> tags,
    Validator validator,
    boolean anchored) {

  /** Tag of rules that run after all others. */
  public static final String GENERIC = "generic";

  /** An extra check on a match, given the text it was found in. */
  @FunctionalInterface
  public interface Validator {
    /** True to keep the finding. */
    boolean accept(String secret, CharSequence text, SecretPattern.Match match);
  }

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    description = description == null ? "" : description;
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    for (String k : keywords) {
      if (k.isEmpty() || !k.equals(k.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("rule " + id + ": keyword must be non-empty lower case: " + k);
      }
    }
    if (regex == null && path == null) {
      throw new IllegalArgumentException("rule " + id + " has neither a regex nor a path");
    }
    if (anchored && (keywords.isEmpty() || regex == null)) {
      throw new IllegalArgumentException("rule " + id + ": an anchored rule needs keywords and a regex");
    }
    if (regex != null && (secretGroup < 0 || secretGroup > regex.groupCount())) {
      throw new IllegalArgumentException("rule " + id + ": no capture group " + secretGroup);
    }
    allowlists = allowlists == null ? List.of() : List.copyOf(allowlists);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** A java.util.regex rule whose allowlist patterns are matched against the secret. */
  public Rule(String id, String description, List<String> keywords, Pattern regex, int secretGroup, Double entropy,
      List<Pattern> allowlist, Severity severity, String gitleaksId) {
    this(id, description, keywords, SecretPattern.jdk(regex), secretGroup, entropy,
        allowlist == null || allowlist.isEmpty() ? List.of()
            : List.of(Allowlist.secretRegexes(allowlist.stream().map(SecretPattern::jdk).toList())),
        severity, gitleaksId, null, List.of(), null, false);
  }

  /** Every field; the validator only as present or not, so the text is stable across runs (cache keys). */
  @Override
  public String toString() {
    return "Rule[id=" + id + ", description=" + description + ", keywords=" + keywords + ", regex="
        + (regex == null ? null : regex.source()) + ", secretGroup=" + secretGroup + ", entropy=" + entropy
        + ", allowlists=" + allowlists + ", severity=" + severity + ", gitleaksId=" + gitleaksId + ", path="
        + (path == null ? null : path.source()) + ", tags=" + tags + ", validator=" + (validator != null)
        + ", anchored=" + anchored + ", category=" + category()
        + "]";
  }

  /** What a finding of this rule unlocks ({@link SecretCategories#of}). */
  public String category() {
    return SecretCategories.of(this);
  }

  /** True for rules tagged {@link #GENERIC}. */
  public boolean generic() {
    return tags.contains(GENERIC);
  }

  /** The same rule with more allowlists (e.g. a rule file's global ones). */
  public Rule withAllowlists(List<Allowlist> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Allowlist> all = new ArrayList<>(allowlists);
    all.addAll(more);
    return new Rule(id, description, keywords, regex, secretGroup, entropy, all, severity, gitleaksId, path, tags,
        validator, anchored);
  }

  /** A builder for a rule with the given id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link Rule}. */
  public static final class Builder {
    private final String id;
    private String description = "";
    private List<String> keywords = List.of();
    private SecretPattern regex;
    private int secretGroup;
    private Double entropy;
    private final List<Allowlist> allowlists = new ArrayList<>();
    private Severity severity = Severity.HIGH;
    private String gitleaksId;
    private SecretPattern path;
    private List<String> tags = List.of();
    private Validator validator;
    private boolean anchored;

    private Builder(String id) {
      this.id = id;
    }

    public Builder description(String v) {
      description = v;
      return this;
    }

    public Builder keywords(List<String> v) {
      keywords = v;
      return this;
    }

    public Builder keywords(String... v) {
      keywords = List.of(v);
      return this;
    }

    public Builder regex(SecretPattern v) {
      regex = v;
      return this;
    }

    public Builder secretGroup(int v) {
      secretGroup = v;
      return this;
    }

    public Builder entropy(Double v) {
      entropy = v;
      return this;
    }

    public Builder allowlist(Allowlist v) {
      allowlists.add(v);
      return this;
    }

    public Builder allowlists(List<Allowlist> v) {
      allowlists.addAll(v);
      return this;
    }

    public Builder severity(Severity v) {
      severity = v;
      return this;
    }

    public Builder gitleaksId(String v) {
      gitleaksId = v;
      return this;
    }

    public Builder path(SecretPattern v) {
      path = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder validator(Validator v) {
      validator = v;
      return this;
    }

    /** Every match starts at a keyword hit (see {@link Rule#anchored()}). */
    public Builder anchored() {
      anchored = true;
      return this;
    }

    public Rule build() {
      return new Rule(id, description, keywords, regex, secretGroup, entropy, allowlists, severity, gitleaksId,
          path, tags, validator, anchored);
    }
  }
}
