package dev.drydock.secrets.home;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.FingerprintKey;
import dev.drydock.secrets.SecretCategories;

/** Builds redacted, fingerprinted findings the same way the rule engine does. */
final class Located {
  private Located() {}

  static ExposedSecret finding(FingerprintKey key, HomeRule rule, String path, int line, int column, String secret) {
    String redacted = (secret.length() > 8 ? secret.substring(0, 4) : "") + "****";
    String fingerprint = key.fingerprint(rule.id, path, line, secret);
    return ExposedSecret.inFile(rule.id, SecretCategories.ofRuleId(rule.id), rule.severity, rule.title, path, line, column, redacted, fingerprint);
  }
}
