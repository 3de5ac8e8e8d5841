package dev.drydock.secrets;

import dev.drydock.model.TokenShapes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Extra checks of built-in rules that a regex alone cannot express. */
final class Validators {
  private Validators() {}

  private static final Pattern AWS_KEY_ID = Pattern.compile("\\b" + TokenShapes.AWS_ACCESS_KEY_ID + "\\b");
  /** Base64 of "openssh-key-v1\0", the start of every OpenSSH private key body. */
  static final String OPENSSH_MAGIC = "b3BlbnNzaC1rZXktdjE";

  /** An AWS secret key candidate: mixed case and an access key id within 512 characters. */
  static boolean awsSecretNearKeyId(String secret, CharSequence text, SecretPattern.Match m) {
    if (!mixed(secret)) {
      return false;
    }
    int from = Math.max(0, m.start() - 512);
    int to = Math.min(text.length(), m.end() + 512);
    return AWS_KEY_ID.matcher(text.subSequence(from, to)).find();
  }

  /** Upper, lower case letters and a digit or a base64 symbol. */
  static boolean mixed(String s) {
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      other |= (c >= '0' && c <= '9') || c == '/' || c == '+';
    }
    return upper && lower && other;
  }

  /** A SAS signature whose URL query also carries an expiry (se=) and a version or permissions. */
  static boolean sasQuery(String secret, CharSequence text, SecretPattern.Match m) {
    if (secret.length() < 40) {
      return false;
    }
    String query = around(text, m.start(), m.end(), 1000);
    return query.contains("se=") && (query.contains("sv=") || query.contains("sp="));
  }

  /** A service-account JSON: "client_email" within 8 KiB of the private key. */
  static boolean serviceAccountJson(String secret, CharSequence text, SecretPattern.Match m) {
    int from = Math.max(0, m.start() - 8192);
    int to = Math.min(text.length(), m.end() + 8192);
    return text.subSequence(from, to).toString().contains("\"client_email\"");
  }

  /** A docker config "auth" value: base64 of user:password with both non-empty and not placeholders. */
  static boolean dockerAuth(String secret, CharSequence text, SecretPattern.Match m) {
    String decoded = decode(secret);
    if (decoded == null) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return false;
    }
    String password = decoded.substring(colon + 1);
    return !BuiltinRules.STOP_WORDS.matcher(password).find() && printable(decoded);
  }

  /** A kubeconfig client-key-data value that decodes to a PEM private key. */
  static boolean base64Pem(String secret, CharSequence text, SecretPattern.Match m) {
    String decoded = decode(secret.substring(0, Math.min(secret.length(), 64)));
    return decoded != null && decoded.startsWith("-----BEGIN") && decoded.contains("PRIVATE KEY");
  }

  /** Plain private key: not an OpenSSH key whose header names a cipher. */
  static boolean plainKey(String secret, CharSequence text, SecretPattern.Match m) {
    String cipher = opensshCipher(secret);
    return cipher == null || cipher.equals("none");
  }

  /** Encrypted key: PEM encryption markers, or an OpenSSH key whose header names a cipher. */
  static boolean encryptedKey(String secret, CharSequence text, SecretPattern.Match m) {
    String match = text.subSequence(m.start(), m.end()).toString();
    if (!match.contains("OPENSSH")) {
      return true;
    }
    String cipher = opensshCipher(secret);
    return cipher != null && !cipher.equals("none");
  }

  /** The cipher name in an OpenSSH private key body, or null when the body is not one. */
  static String opensshCipher(String body) {
    if (!body.startsWith(OPENSSH_MAGIC)) {
      return null;
    }
    byte[] b = decodeBytes(body.substring(0, Math.min(body.length(), 64)));
    if (b == null || b.length < 19) {
      return null;
    }
    int len = ((b[15] & 0xff) << 24) | ((b[16] & 0xff) << 16) | ((b[17] & 0xff) << 8) | (b[18] & 0xff);
    if (len <= 0 || len > 64 || 19 + len > b.length) {
      return null;
    }
    return new String(b, 19, len, StandardCharsets.US_ASCII);
  }

  /**
   * For a PuTTY key's Private-Lines at {@code at}: TRUE when the key file header (within 8 KiB before) names
   * an encryption, FALSE for "Encryption: none", null when there is no PuTTY header.
   */
  static Boolean puttyEncryption(CharSequence text, int at) {
    String before = text.subSequence(Math.max(0, at - 8192), at).toString();
    int header = before.lastIndexOf("PuTTY-User-Key-File-");
    if (header < 0) {
      return null;
    }
    java.util.regex.Matcher m = PUTTY_ENCRYPTION.matcher(before).region(header, before.length());
    if (!m.find()) {
      return null;
    }
    return !m.group(1).equals("none");
  }

  private static final Pattern PUTTY_ENCRYPTION = Pattern.compile("\\nEncryption:[ \\t]*([\\w-]+)");

  private static String decode(String b64) {
    byte[] b = decodeBytes(b64);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] decodeBytes(String b64) {
    String s = b64.replace("=", "");
    if (s.length() % 4 == 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
  }

  /** The token around a match: up to {@code max} characters each side, stopping at whitespace or quotes. */
  private static String around(CharSequence text, int start, int end, int max) {
    int from = start;
    while (from > 0 && start - from < max && !stop(text.charAt(from - 1))) {
      from--;
    }
    int to = end;
    while (to < text.length() && to - end < max && !stop(text.charAt(to))) {
      to++;
    }
    return text.subSequence(from, to).toString();
  }

  private static boolean stop(char c) {
    return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '>';
  }
}
