package dev.drydock.secrets.home;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretCategories;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds redacted, fingerprinted findings the same way the rule engine does. */
final class Located {
  private Located() {}

  static ExposedSecret finding(HomeRule rule, String path, int line, int column, String secret) {
    String redacted = (secret.length() > 8 ? secret.substring(0, 4) : "") + "****";
    String fingerprint = sha256(rule.id + ":" + path + ":" + line + ":" + sha256(secret));
    return ExposedSecret.inFile(rule.id, SecretCategories.ofRuleId(rule.id), rule.severity, rule.title, path, line, column, redacted, fingerprint);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
