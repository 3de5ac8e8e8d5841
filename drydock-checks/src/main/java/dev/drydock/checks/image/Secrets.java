package dev.drydock.checks.image;

import dev.drydock.model.Entropy;
import dev.drydock.model.TokenShapes;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cheap heuristics for secrets in the image config: variable names (Dockle's key list) and values (well-known
 * token prefixes, URLs with a password, high-entropy strings). Nothing here returns or keeps a value.
 */
final class Secrets {
  private Secrets() {}

  private static final Pattern SECRET_NAME = Pattern.compile(
      "(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH_?KEY|_PASS$|^PASS$)");
  /** Names that point at a secret instead of holding one, and well-known public keys. */
  private static final Pattern NOT_SECRET_NAME = Pattern.compile("(_(FILE|PATH|DIR|LOCATION|URL_FILE)$|^GPG_KEYS?$)");

  private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9+/=_-]{20,}");
  static final double MIN_ENTROPY = 3.5;

  /** Whether an environment variable name suggests that its value is a secret. */
  static boolean secretName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return SECRET_NAME.matcher(n).find() && !NOT_SECRET_NAME.matcher(n).find();
  }

  /** What the value looks like ("an AWS access key id", "a high-entropy string"), or null if nothing. */
  static String secretValue(String value) {
    String shape = TokenShapes.find(value);
    if (shape != null) {
      return shape;
    }
    if (TOKEN_CHARS.matcher(value).matches() && !value.startsWith("/") && !value.matches("[0-9a-fA-F]+")
        && value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase)
        && value.chars().anyMatch(Character::isDigit) && Entropy.bits(value) >= MIN_ENTROPY) {
      return "a high-entropy string";
    }
    return null;
  }
}
