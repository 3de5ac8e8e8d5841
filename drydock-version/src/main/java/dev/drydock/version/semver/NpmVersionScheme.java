package dev.drydock.version.semver;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;

/**
 * npm's version order: SemVer 2.0.0 precedence as node-semver applies it without the {@code loose}
 * option. Validity follows {@code semver.valid(v)}: at most 256 characters, surrounding ECMAScript
 * whitespace trimmed, an optional single lowercase {@code v}, then {@code MAJOR.MINOR.PATCH} without
 * leading zeros and each at most 2^53-1, an optional {@code -prerelease} and {@code +build}. Build
 * metadata does not take part in the order. Like node-semver, numeric prerelease identifiers are
 * compared as JavaScript numbers (doubles), which only matters past 2^53.
 */
public final class NpmVersionScheme implements VersionScheme {
  static final int MAX_LENGTH = 256;
  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parseOrThrow(a);
    Parsed y = parseOrThrow(b);
    int c = Long.compare(x.major, y.major);
    if (c == 0) {
      c = Long.compare(x.minor, y.minor);
    }
    if (c == 0) {
      c = Long.compare(x.patch, y.patch);
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

  private static int comparePrerelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; ; i++) {
      if (i == a.size() || i == b.size()) {
        return Integer.compare(a.size(), b.size());
      }
      String x = a.get(i);
      String y = b.get(i);
      if (x.equals(y)) {
        continue;
      }
      // node-semver stops at the first differing identifier, even when it compares equal as a number
      return compareIdentifiers(x, y);
    }
  }

  private static int compareIdentifiers(String x, String y) {
    boolean xn = allDigits(x);
    boolean yn = allDigits(y);
    if (xn && yn) {
      return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
    }
    if (xn != yn) {
      return xn ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  private record Parsed(long major, long minor, long patch, List<String> prerelease) {}

  /** Returns null when node-semver's {@code valid()} would return null. */
  private static Parsed parse(String version) {
    if (version == null || version.length() > MAX_LENGTH) {
      return null;
    }
    String v = trimEcmaScript(version);
    Cursor c = new Cursor(v);
    if (c.peek() == 'v') {
      c.pos++;
    }
    long major = c.coreNumber();
    if (major < 0 || !c.eat('.')) {
      return null;
    }
    long minor = c.coreNumber();
    if (minor < 0 || !c.eat('.')) {
      return null;
    }
    long patch = c.coreNumber();
    if (patch < 0) {
      return null;
    }
    List<String> pre = new ArrayList<>();
    if (c.eat('-')) {
      pre = c.identifiers(true);
      if (pre == null) {
        return null;
      }
    }
    if (c.eat('+') && c.identifiers(false) == null) {
      return null;
    }
    return c.atEnd() ? new Parsed(major, minor, patch, List.copyOf(pre)) : null;
  }

  /** {@code String.prototype.trim}: ECMAScript WhiteSpace and LineTerminator code units. */
  static String trimEcmaScript(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isEcmaScriptSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isEcmaScriptSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isEcmaScriptSpace(char c) {
    return switch (c) {
      case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
          '\u3000', '\uFEFF' -> true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    boolean eat(char c) {
      if (peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    boolean atEnd() {
      return pos == s.length();
    }

    /** {@code 0|[1-9]\d*} no larger than 2^53-1, or -1. */
    long coreNumber() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      String digits = s.substring(start, pos);
      if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > 16) {
        return -1;
      }
      long n = Long.parseLong(digits);
      return n > MAX_SAFE_INTEGER ? -1 : n;
    }

    /**
     * Dot-separated non-empty identifiers of {@code [0-9A-Za-z-]}; for a prerelease, numeric ones
     * without leading zeros. Stops before any other character; null when malformed.
     */
    List<String> identifiers(boolean prerelease) {
      List<String> out = new ArrayList<>();
      do {
        int start = pos;
        while (pos < s.length() && isIdentChar(s.charAt(pos))) {
          pos++;
        }
        String id = s.substring(start, pos);
        if (id.isEmpty() || (prerelease && id.length() > 1 && id.charAt(0) == '0' && allDigits(id))) {
          return null;
        }
        out.add(id);
      } while (eat('.'));
      return out;
    }

    private static boolean isIdentChar(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    }
  }
}
