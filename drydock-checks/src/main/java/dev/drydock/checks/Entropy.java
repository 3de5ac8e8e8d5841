package dev.drydock.checks;

/** Shannon entropy of a string, for telling random-looking values (tokens, keys) from words and paths. */
public final class Entropy {
  private Entropy() {}

  /** Bits per character; characters above ASCII count as one symbol. */
  public static double bits(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      if (ch < 128) {
        counts[ch]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int n : counts) {
      h -= term(n, s.length());
    }
    return h - term(other, s.length());
  }

  private static double term(int n, int length) {
    if (n == 0) {
      return 0;
    }
    double p = (double) n / length;
    return p * Math.log(p) / Math.log(2);
  }
}
