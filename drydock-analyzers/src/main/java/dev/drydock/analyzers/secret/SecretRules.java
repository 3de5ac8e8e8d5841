package dev.drydock.analyzers.secret;

import dev.drydock.secrets.Rule;
import dev.drydock.secrets.rules.RuleFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Custom rules for the secret analyzer, loaded from a rule file ({@link RuleFile}: drydock TOML/YAML or a
 * gitleaks config).
 *
 * @param rules the rules to run (built-ins first when the file extends them)
 * @param digest {@code sha256:} of the rules as loaded (every field, {@link Rule#toString()}): the same
 *     rules from another path, or reformatted, give the same digest; it names them in cache keys
 * @param warnings the rule file's warnings (unsupported keys), one line each naming the file
 */
public record SecretRules(List<Rule> rules, String digest, List<String> warnings) {
  public SecretRules {
    rules = List.copyOf(rules);
    warnings = List.copyOf(warnings);
  }

  /** Loads a rule file; bad content is a {@link dev.drydock.model.DrydockException} naming the file. */
  public static SecretRules load(Path file) {
    RuleFile.Loaded loaded = RuleFile.load(file);
    return new SecretRules(loaded.rules(), digest(loaded.rules()), loaded.warnings());
  }

  static String digest(List<Rule> rules) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Rule r : rules) {
        sha.update(r.toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
