package dev.drydock.version.golang;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;

/**
 * Go module versions as golang.org/x/mod/semver orders them (the go command's order). A version starts
 * with {@code v}; {@code v1} and {@code v1.2} are shorthands for {@code v1.0.0} and {@code v1.2.0}
 * (shorthands take no prerelease or build); numbers have no leading zeros and no size limit. Build
 * metadata, {@code +incompatible} included, is ignored for order. Pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}, {@code v1.2.3-pre.0.2019...}, {@code v1.2.4-0.2019...})
 * need no special case: they are SemVer prereleases and order as such.
 *
 * <p>Go toolchain and standard-library versions as reported elsewhere ({@code 1.21.0}, {@code go1.21.0})
 * are not valid here: callers prefix {@code v} ({@code v1.21.0}) before asking.
 */
public final class GoVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "go";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parseOrThrow(a);
    Parsed y = parseOrThrow(b);
    int c = compareNumbers(x.major, y.major);
    if (c == 0) {
      c = compareNumbers(x.minor, y.minor);
    }
    if (c == 0) {
      c = compareNumbers(x.patch, y.patch);
    }
    return c != 0 ? c : comparePrerelease(x.prerelease, y.prerelease);
  }

  private Parsed parseOrThrow(String v) {
    Parsed p = parse(v);
    if (p == null) {
      throw new InvalidVersionException(name(), v);
    }
    return p;
  }

  private record Parsed(String major, String minor, String patch, String prerelease) {}

  /** Decimal strings without leading zeros. */
  private static int compareNumbers(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : Integer.signum(a.compareTo(b));
  }

  private static int comparePrerelease(String a, String b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i].equals(y[i])) {
        continue;
      }
      boolean xn = isNumber(x[i]);
      boolean yn = isNumber(y[i]);
      if (xn != yn) {
        return xn ? -1 : 1;
      }
      return xn ? compareNumbers(x[i], y[i]) : Integer.signum(x[i].compareTo(y[i]));
    }
    return Integer.compare(x.length, y.length);
  }

  private static boolean isNumber(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Parsed parse(String v) {
    if (v == null || v.isEmpty() || v.charAt(0) != 'v') {
      return null;
    }
    int[] pos = {1};
    String major = number(v, pos);
    if (major == null) {
      return null;
    }
    if (pos[0] == v.length()) {
      return new Parsed(major, "0", "0", "");
    }
    if (!eat(v, pos, '.')) {
      return null;
    }
    String minor = number(v, pos);
    if (minor == null) {
      return null;
    }
    if (pos[0] == v.length()) {
      return new Parsed(major, minor, "0", "");
    }
    if (!eat(v, pos, '.')) {
      return null;
    }
    String patch = number(v, pos);
    if (patch == null) {
      return null;
    }
    String prerelease = "";
    if (eat(v, pos, '-')) {
      prerelease = identifiers(v, pos, true);
      if (prerelease == null) {
        return null;
      }
    }
    if (eat(v, pos, '+') && identifiers(v, pos, false) == null) {
      return null;
    }
    return pos[0] == v.length() ? new Parsed(major, minor, patch, prerelease) : null;
  }

  private static boolean eat(String v, int[] pos, char c) {
    if (pos[0] < v.length() && v.charAt(pos[0]) == c) {
      pos[0]++;
      return true;
    }
    return false;
  }

  /** {@code 0|[1-9][0-9]*}, any length; null otherwise. */
  private static String number(String v, int[] pos) {
    int start = pos[0];
    while (pos[0] < v.length() && v.charAt(pos[0]) >= '0' && v.charAt(pos[0]) <= '9') {
      pos[0]++;
    }
    String digits = v.substring(start, pos[0]);
    return digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0') ? null : digits;
  }

  /**
   * Non-empty dot-separated {@code [0-9A-Za-z-]+} identifiers (numeric prerelease identifiers without
   * leading zeros); returns them without the leading separator, or null when malformed.
   */
  private static String identifiers(String v, int[] pos, boolean prerelease) {
    int start = pos[0];
    do {
      int idStart = pos[0];
      while (pos[0] < v.length() && isIdentChar(v.charAt(pos[0]))) {
        pos[0]++;
      }
      String id = v.substring(idStart, pos[0]);
      if (id.isEmpty() || (prerelease && id.length() > 1 && id.charAt(0) == '0' && isNumber(id))) {
        return null;
      }
    } while (eat(v, pos, '.'));
    return v.substring(start, pos[0]);
  }

  private static boolean isIdentChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }
}
