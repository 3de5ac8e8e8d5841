package dev.drydock.version.dpkg;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.nio.charset.StandardCharsets;

/**
 * Debian versions, {@code [epoch:]upstream[-revision]}, ordered as Debian policy 5.6.12 and
 * {@code dpkg --compare-versions} order them. A version is valid when dpkg parses it without an error;
 * dpkg only warns about an upstream part that does not start with a digit or about odd characters, and
 * still orders such versions, so they are valid here too. The empty string is not a version.
 */
public final class DpkgVersionScheme implements VersionScheme {

  /** A parsed version: the two strings are the raw bytes dpkg compares. */
  record Parsed(long epoch, byte[] upstream, byte[] revision) {}

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public boolean isValid(String version) {
    return version != null && parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed pa = require(a);
    Parsed pb = require(b);
    int c = Long.compare(pa.epoch(), pb.epoch());
    if (c != 0) {
      return c;
    }
    c = compareParts(pa.upstream(), pb.upstream());
    if (c != 0) {
      return c;
    }
    return compareParts(pa.revision(), pb.revision());
  }

  private Parsed require(String v) {
    Parsed p = v == null ? null : parse(v);
    if (p == null) {
      throw new InvalidVersionException(name(), v);
    }
    return p;
  }

  /** Parses as dpkg does; null where dpkg reports an error (not a mere warning). */
  static Parsed parse(String version) {
    byte[] s = version.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int end = s.length;
    while (start < end && isSpace(s[start])) {
      start++;
    }
    while (end > start && isSpace(s[end - 1])) {
      end--;
    }
    if (start == end) {
      return null;
    }
    for (int i = start; i < end; i++) {
      if (isSpace(s[i])) {
        return null; // embedded spaces
      }
    }
    long epoch = 0;
    int colon = indexOf(s, start, end, (byte) ':');
    if (colon >= 0) {
      Long e = parseEpoch(s, start, colon);
      if (e == null) {
        return null;
      }
      epoch = e;
      start = colon + 1;
      if (start == end) {
        return null; // nothing after colon
      }
    }
    int hyphen = lastIndexOf(s, start, end, (byte) '-');
    byte[] revision = new byte[0];
    int upstreamEnd = end;
    if (hyphen >= 0) {
      if (hyphen + 1 == end) {
        return null; // revision is empty
      }
      revision = java.util.Arrays.copyOfRange(s, hyphen + 1, end);
      upstreamEnd = hyphen;
    }
    if (upstreamEnd == start) {
      return null; // upstream version is empty
    }
    return new Parsed(epoch, java.util.Arrays.copyOfRange(s, start, upstreamEnd), revision);
  }

  /** The epoch as C strtol reads it: optional sign, decimal digits, then the colon; 0..INT_MAX. */
  private static Long parseEpoch(byte[] s, int from, int colon) {
    int i = from;
    boolean negative = false;
    if (i < colon && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      i++;
    }
    int digits = i;
    long value = 0;
    boolean overflow = false;
    while (i < colon && isDigit(s[i])) {
      if (value <= Integer.MAX_VALUE) {
        value = value * 10 + (s[i] - '0');
      } else {
        overflow = true;
      }
      i++;
    }
    if (i == digits) {
      return null; // epoch is empty
    }
    if (i != colon) {
      return null; // epoch is not a number
    }
    if (negative && value != 0) {
      return null; // epoch is negative
    }
    if (overflow || value > Integer.MAX_VALUE) {
      return null; // epoch is too big
    }
    return value;
  }

  /**
   * Policy 5.6.12: alternate maximal non-digit and digit runs. Non-digits compare byte by byte with
   * letters first, then everything else, and '~' before all, even the end; digit runs compare as numbers.
   */
  static int compareParts(byte[] a, byte[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) {
          return Integer.compare(ac, bc);
        }
        i++;
        j++;
      }
      while (i < a.length && a[i] == '0') {
        i++;
      }
      while (j < b.length && b[j] == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < a.length && j < b.length && isDigit(a[i]) && isDigit(b[j])) {
        if (firstDiff == 0) {
          firstDiff = a[i] - b[j];
        }
        i++;
        j++;
      }
      if (i < a.length && isDigit(a[i])) {
        return 1;
      }
      if (j < b.length && isDigit(b[j])) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  /** Weight of the byte at {@code i}: end and digits 0, '~' -1, ASCII letters themselves, others +256. */
  private static int order(byte[] s, int i) {
    if (i >= s.length) {
      return 0;
    }
    byte c = s[i];
    if (isDigit(c)) {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256; // dpkg reads a (signed) char: bytes of multi-byte UTF-8 land between letters and ASCII
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static int indexOf(byte[] s, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (s[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] s, int from, int to, byte c) {
    for (int i = to - 1; i >= from; i--) {
      if (s[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
