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

  static String pemBody() {
    return of(B64, 64) + "\n" + of(B64, 64) + "\n" + of(B64, 20) + "==\n";
  }
}
