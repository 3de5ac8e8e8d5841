package dev.drydock.analyzers;

import dev.drydock.analyzers.secret.SecretRules;

/**
 * Options that change what analyzers report; each analyzer built with a non-default option says so in
 * {@link Analyzer#options()}, which is part of its cache key.
 *
 * @param secretRules the secret analyzer's rules (a loaded rule file), or null for the built-in rules
 */
public record AnalyzerOptions(SecretRules secretRules) {
  /** Every analyzer with its defaults. */
  public static final AnalyzerOptions DEFAULT = new AnalyzerOptions(null);
}
