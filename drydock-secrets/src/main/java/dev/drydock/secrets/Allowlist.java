package dev.drydock.secrets;

import java.util.List;
import java.util.Locale;

/**
 * Conditions that suppress a rule's finding (gitleaks' {@code [[rules.allowlists]]}).
 *
 * @param description free text
 * @param target what {@code regexes} are matched against
 * @param regexes a finding is allowed when one of them is found in the target
 * @param paths a finding is allowed when one of them is found in the file path
 * @param stopwords a finding is allowed when the secret contains one of them (case-insensitive)
 * @param requireAll gitleaks {@code condition = "AND"}: every configured kind of check must hold; otherwise
 *     any one is enough
 */
public record Allowlist(
    String description,
    Target target,
    List<SecretPattern> regexes,
    List<SecretPattern> paths,
    List<String> stopwords,
    boolean requireAll) {

  /** What an allowlist's regexes are matched against (gitleaks {@code regexTarget}). */
  public enum Target {
    /** The secret (capture group); the default. */
    SECRET,
    /** The whole regex match. */
    MATCH,
    /** The line(s) holding the match. */
    LINE
  }

  public Allowlist {
    description = description == null ? "" : description;
    target = target == null ? Target.SECRET : target;
    regexes = regexes == null ? List.of() : List.copyOf(regexes);
    paths = paths == null ? List.of() : List.copyOf(paths);
    stopwords = stopwords == null ? List.of() : stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
  }

  /** Every field, patterns by their source, stable across runs. */
  @Override
  public String toString() {
    return "Allowlist[description=" + description + ", target=" + target + ", regexes="
        + regexes.stream().map(SecretPattern::source).toList() + ", paths="
        + paths.stream().map(SecretPattern::source).toList() + ", stopwords=" + stopwords + ", requireAll="
        + requireAll + "]";
  }

  /** An allowlist of regexes matched against the secret. */
  public static Allowlist secretRegexes(List<SecretPattern> regexes) {
    return new Allowlist("", Target.SECRET, regexes, List.of(), List.of(), false);
  }

  /** True if this allowlist suppresses a finding with these values. */
  public boolean allows(String path, String secret, CharSequence match, CharSequence line) {
    int checks = 0;
    int held = 0;
    if (!regexes.isEmpty()) {
      checks++;
      CharSequence t = switch (target) {
        case SECRET -> secret;
        case MATCH -> match;
        case LINE -> line;
      };
      if (anyFound(regexes, t)) {
        held++;
      }
    }
    if (!paths.isEmpty()) {
      checks++;
      if (path != null && anyFound(paths, path)) {
        held++;
      }
    }
    if (!stopwords.isEmpty()) {
      checks++;
      String lower = secret.toLowerCase(Locale.ROOT);
      if (stopwords.stream().anyMatch(lower::contains)) {
        held++;
      }
    }
    return checks > 0 && (requireAll ? held == checks : held > 0);
  }

  private static boolean anyFound(List<SecretPattern> patterns, CharSequence text) {
    for (SecretPattern p : patterns) {
      if (p.foundIn(text)) {
        return true;
      }
    }
    return false;
  }
}
