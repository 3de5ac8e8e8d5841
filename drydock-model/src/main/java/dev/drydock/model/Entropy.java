package dev.drydock.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Shannon entropy of a string, for telling random-looking values (tokens, keys) from words and paths. The one
 * definition for the secret rules (drydock-secrets) and the configuration checks (drydock-checks).
 */
public final class Entropy {
  private Entropy() {}

  /**
   * Bits per character, over the string's UTF-16 code units, each distinct one a symbol (as gitleaks counts
   * them, for rule files written for it); 0 for the empty string.
   */
  public static double bits(String s) {
    int length = s.length();
    if (length == 0) {
      return 0.0;
    }
    int[] ascii = new int[128];
    Map<Character, Integer> other = null;
    for (int i = 0; i < length; i++) {
      char ch = s.charAt(i);
      if (ch < 128) {
        ascii[ch]++;
      } else {
        if (other == null) {
          other = new HashMap<>();
        }
        other.merge(ch, 1, Integer::sum);
      }
    }
    double bits = 0.0;
    for (int n : ascii) {
      bits -= term(n, length);
    }
    if (other != null) {
      for (int n : other.values()) {
        bits -= term(n, length);
      }
    }
    return bits;
  }

  private static double term(int n, int length) {
    if (n == 0) {
      return 0.0;
    }
    double p = (double) n / length;
    return p * (Math.log(p) / Math.log(2));
  }
}
