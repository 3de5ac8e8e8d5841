package dev.drydock.version.composer;

import java.util.ArrayList;
import java.util.List;

/**
 * PHP's {@code version_compare}: the strings are canonicalised ({@code -_+} and other punctuation become
 * dots, and a dot is put between a digit and a non-digit), split on dots, and compared part by part:
 * numbers numerically, words by their rank ({@code dev < alpha = a < beta = b < RC = rc < # < pl = p}, any
 * other word below {@code dev}; a word is matched by its prefix), a number ranking as {@code #}. When one
 * side runs out, a further number makes the longer side higher and a further word is ranked against
 * {@code #}.
 */
final class PhpVersionCompare {
  private PhpVersionCompare() {}

  private static final String[] FORMS = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
  private static final int[] RANKS = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};
  private static final String NUMBER = "#N#";

  static int compare(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty() ? 0 : a.isEmpty() ? -1 : 1;
    }
    List<String> x = split(a.charAt(0) == '#' ? a : canonicalize(a));
    List<String> y = split(b.charAt(0) == '#' ? b : canonicalize(b));
    int n = Math.min(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      int c = comparePart(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    if (x.size() > n) {
      return startsWithDigit(x.get(n)) ? 1 : compare(String.join(".", x.subList(n, x.size())), NUMBER);
    }
    if (y.size() > n) {
      return startsWithDigit(y.get(n)) ? -1 : compare(NUMBER, String.join(".", y.subList(n, y.size())));
    }
    return 0;
  }

  private static int comparePart(String p, String q) {
    boolean pd = startsWithDigit(p);
    boolean qd = startsWithDigit(q);
    if (pd && qd) {
      return Long.compare(leadingNumber(p), leadingNumber(q));
    }
    if (!pd && !qd) {
      return Integer.signum(rank(p) - rank(q));
    }
    return pd ? Integer.signum(rank(NUMBER) - rank(q)) : Integer.signum(rank(p) - rank(NUMBER));
  }

  private static int rank(String form) {
    for (int i = 0; i < FORMS.length; i++) {
      if (form.startsWith(FORMS[i])) {
        return RANKS[i];
      }
    }
    return -6;
  }

  /** The leading decimal number, saturating at Long.MAX_VALUE as C's strtol does. */
  private static long leadingNumber(String s) {
    long v = 0;
    for (int i = 0; i < s.length() && isDigit(s.charAt(i)); i++) {
      int d = s.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return Long.MAX_VALUE;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Parts of a canonical version. Empty parts never occur inside (canonicalisation collapses dots) but a
   * leading or trailing dot can; a trailing empty part ends the walk like the end of the string does.
   */
  private static List<String> split(String canonical) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (true) {
      int dot = canonical.indexOf('.', start);
      String part = dot < 0 ? canonical.substring(start) : canonical.substring(start, dot);
      parts.add(part);
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    return parts;
  }

  static String canonicalize(String v) {
    StringBuilder sb = new StringBuilder(v.length() * 2);
    char last = v.charAt(0);
    sb.append(last);
    for (int i = 1; i < v.length(); i++) {
      char c = v.charAt(i);
      char prevOut = sb.charAt(sb.length() - 1);
      if (c == '-' || c == '_' || c == '+') {
        if (prevOut != '.') {
          sb.append('.');
        }
      } else if ((isNonDigit(last) && isDigit(c)) || (isDigit(last) && isNonDigit(c))) {
        if (prevOut != '.') {
          sb.append('.');
        }
        sb.append(c);
      } else if (!isAlnum(c)) {
        if (prevOut != '.') {
          sb.append('.');
        }
      } else {
        sb.append(c);
      }
      last = c;
    }
    return sb.toString();
  }

  private static boolean startsWithDigit(String s) {
    return !s.isEmpty() && isDigit(s.charAt(0));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNonDigit(char c) {
    return !isDigit(c) && c != '.';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
