package dev.drydock.secrets;

import java.util.Random;

/** Builds fake tokens of the documented shapes; never real credentials. */
final class Fake {
  static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String B64 = ALNUM + "+/";
  static final String B64URL = ALNUM + "-_";
  static final String HEX = "0123456789abcdef";
  static final String DIGITS = "0123456789";
  static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  static final String BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

  private static final Random RANDOM = new Random(42);

  private Fake() {}

  static String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String alnum(int n) {
    return of(ALNUM, n);
  }

  static String hex(int n) {
    return of(HEX, n);
  }

  static String uuid() {
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }

  static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** An OpenSSH private key body (base64 lines of 70) whose header names {@code cipher}. */
  static String opensshBody(String cipher) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes("openssh-key-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(cipher.length());
    out.writeBytes(cipher.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < 200; i++) {
      out.write(RANDOM.nextInt(256));
    }
    String b64 = java.util.Base64.getEncoder().encodeToString(out.toByteArray());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < b64.length(); i += 70) {
      sb.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
    }
    return sb.toString();
  }

  static String pemBody() {
    return of(B64, 64) + "\n" + of(B64, 64) + "\n" + of(B64, 20) + "==\n";
  }
}
