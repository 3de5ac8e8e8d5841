package dev.drydock.version.rpm;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;

/**
 * RPM versions, {@code [epoch:]version[-release]}, ordered as rpm (4.15 and later) orders them: epoch,
 * then version, then release, each with rpmvercmp. A missing epoch is 0; a missing release sorts below any
 * release (rpm's labelCompare). The epoch is the leading digits before a ':', the release follows the last
 * '-'. Valid: a non-empty version and, where present, a non-empty epoch and release, made of ASCII letters,
 * digits and the characters rpmbuild allows in Version/Release ({@code . _ + ~ ^}).
 */
public final class RpmVersionScheme implements VersionScheme {

  /** A split version; {@code epoch} and {@code release} are null when absent. */
  record Evr(String epoch, String version, String release) {}

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public boolean isValid(String version) {
    return version != null && parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Evr x = require(a);
    Evr y = require(b);
    int c = vercmp(x.epoch() == null ? "0" : x.epoch(), y.epoch() == null ? "0" : y.epoch());
    if (c != 0) {
      return c;
    }
    c = vercmp(x.version(), y.version());
    if (c != 0) {
      return c;
    }
    if (x.release() == null || y.release() == null) {
      return x.release() == null ? (y.release() == null ? 0 : -1) : 1;
    }
    return vercmp(x.release(), y.release());
  }

  private Evr require(String v) {
    Evr e = v == null ? null : parse(v);
    if (e == null) {
      throw new InvalidVersionException(name(), v);
    }
    return e;
  }

  static Evr parse(String s) {
    int i = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    String epoch = null;
    String rest = s;
    if (i < s.length() && s.charAt(i) == ':') {
      if (i == 0) {
        return null;
      }
      epoch = s.substring(0, i);
      rest = s.substring(i + 1);
    }
    int dash = rest.lastIndexOf('-');
    String version = dash < 0 ? rest : rest.substring(0, dash);
    String release = dash < 0 ? null : rest.substring(dash + 1);
    if (!validPart(version) || (release != null && !validPart(release))) {
      return null;
    }
    return new Evr(epoch, version, release);
  }

  private static boolean validPart(String p) {
    if (p.isEmpty()) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (!isAlnum(c) && c != '.' && c != '_' && c != '+' && c != '~' && c != '^') {
        return false;
      }
    }
    return true;
  }

  /**
   * rpmvercmp: split into runs of digits and runs of letters, skipping other characters; '~' sorts before
   * anything, even the end; '^' sorts after the end but before anything else; digits beat letters; digit
   * runs compare as numbers, letter runs as ASCII; the string with runs left over is newer.
   */
  static int vercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int n = a.length();
    int m = b.length();
    while (i < n || j < m) {
      while (i < n && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < m && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < n ? a.charAt(i) : 0;
      char cb = j < m ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= n) {
          return -1;
        }
        if (j >= m) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= n || j >= m) {
        break;
      }
      boolean numeric = isDigit(ca);
      int ea = i;
      int eb = j;
      while (ea < n && (numeric ? isDigit(a.charAt(ea)) : isAlpha(a.charAt(ea)))) {
        ea++;
      }
      while (eb < m && (numeric ? isDigit(b.charAt(eb)) : isAlpha(b.charAt(eb)))) {
        eb++;
      }
      if (eb == j) {
        return numeric ? 1 : -1; // segments of different kinds: the numeric one is newer
      }
      int c;
      if (numeric) {
        while (i < ea - 1 && a.charAt(i) == '0') {
          i++;
        }
        while (j < eb - 1 && b.charAt(j) == '0') {
          j++;
        }
        c = Integer.compare(ea - i, eb - j);
        if (c == 0) {
          c = a.substring(i, ea).compareTo(b.substring(j, eb));
        }
      } else {
        c = a.substring(i, ea).compareTo(b.substring(j, eb));
      }
      if (c != 0) {
        return Integer.signum(c);
      }
      i = ea;
      j = eb;
    }
    if (i >= n && j >= m) {
      return 0;
    }
    return i < n ? 1 : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isAlpha(c);
  }
}
