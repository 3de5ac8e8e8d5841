package dev.drydock.version.cargo;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.math.BigInteger;

/**
 * Cargo's version order: SemVer 2.0.0 as the Rust {@code semver} crate (1.x) parses and orders it.
 * Strict: no {@code v} prefix, no whitespace, {@code MAJOR.MINOR.PATCH} without leading zeros and each
 * fitting an unsigned 64-bit integer, prerelease numeric identifiers without leading zeros. The crate's
 * {@code Ord} compares build metadata last, after everything else is equal: identifier by identifier,
 * numeric before alphanumeric, numbers by value and then by length (so {@code 1 < 01}), alphanumerics in
 * ASCII order, and a longer list of equal identifiers higher. No build metadata sorts below any.
 */
public final class CargoVersionScheme implements VersionScheme {
  private static final BigInteger U64_MAX = new BigInteger("18446744073709551615");

  @Override
  public String name() {
    return "cargo";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parseOrThrow(a);
    Parsed y = parseOrThrow(b);
    int c = x.major.compareTo(y.major);
    if (c == 0) {
      c = x.minor.compareTo(y.minor);
    }
    if (c == 0) {
      c = x.patch.compareTo(y.patch);
    }
    if (c == 0) {
      c = comparePrerelease(x.pre, y.pre);
    }
    if (c == 0) {
      c = compareBuild(x.build, y.build);
    }
    return Integer.signum(c);
  }

  private Parsed parseOrThrow(String v) {
    Parsed p = parse(v);
    if (p == null) {
      throw new InvalidVersionException(name(), v);
    }
    return p;
  }

  private record Parsed(BigInteger major, BigInteger minor, BigInteger patch, String pre, String build) {}

  private static int comparePrerelease(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = allDigits(x[i]);
      boolean yn = allDigits(y[i]);
      if (xn != yn) {
        return xn ? -1 : 1;
      }
      int c = xn ? compareDigits(x[i], y[i]) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Empty build metadata behaves as the single identifier "" (all digits, value zero, shortest). */
  private static int compareBuild(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = allDigits(x[i]);
      boolean yn = allDigits(y[i]);
      if (xn != yn) {
        return xn ? -1 : 1;
      }
      int c;
      if (xn) {
        c = compareDigits(stripZeros(x[i]), stripZeros(y[i]));
        if (c == 0) {
          c = Integer.compare(x[i].length(), y[i].length());
        }
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Digit strings without leading zeros (or equal-length), compared by value. */
  private static int compareDigits(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /** True for the empty string too, as Rust's {@code bytes().all(..)}. */
  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Parsed parse(String v) {
    if (v == null) {
      return null;
    }
    int[] pos = {0};
    BigInteger major = number(v, pos);
    if (major == null || !eat(v, pos, '.')) {
      return null;
    }
    BigInteger minor = number(v, pos);
    if (minor == null || !eat(v, pos, '.')) {
      return null;
    }
    BigInteger patch = number(v, pos);
    if (patch == null) {
      return null;
    }
    String pre = "";
    if (eat(v, pos, '-')) {
      pre = identifiers(v, pos, true);
      if (pre == null) {
        return null;
      }
    }
    String build = "";
    if (eat(v, pos, '+')) {
      build = identifiers(v, pos, false);
      if (build == null) {
        return null;
      }
    }
    return pos[0] == v.length() ? new Parsed(major, minor, patch, pre, build) : null;
  }

  private static boolean eat(String v, int[] pos, char c) {
    if (pos[0] < v.length() && v.charAt(pos[0]) == c) {
      pos[0]++;
      return true;
    }
    return false;
  }

  private static BigInteger number(String v, int[] pos) {
    int start = pos[0];
    while (pos[0] < v.length() && v.charAt(pos[0]) >= '0' && v.charAt(pos[0]) <= '9') {
      pos[0]++;
    }
    String digits = v.substring(start, pos[0]);
    if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > 20) {
      return null;
    }
    BigInteger n = new BigInteger(digits);
    return n.compareTo(U64_MAX) > 0 ? null : n;
  }

  /** Non-empty dot-separated {@code [0-9A-Za-z-]+} identifiers; null when malformed. */
  private static String identifiers(String v, int[] pos, boolean prerelease) {
    int start = pos[0];
    do {
      int idStart = pos[0];
      boolean digitsOnly = true;
      while (pos[0] < v.length() && isIdentChar(v.charAt(pos[0]))) {
        digitsOnly &= Character.isDigit(v.charAt(pos[0]));
        pos[0]++;
      }
      int len = pos[0] - idStart;
      if (len == 0 || (prerelease && digitsOnly && len > 1 && v.charAt(idStart) == '0')) {
        return null;
      }
    } while (eat(v, pos, '.'));
    return v.substring(start, pos[0]);
  }

  private static boolean isIdentChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }
}
