package dev.drydock.version.apk;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;

/**
 * Alpine (apk-tools) versions: {@code digits{.digits}...{letter}{_suffix{digits}}...{~hash}{-r<digits>}}.
 * Suffixes {@code _alpha _beta _pre _rc} sort before the bare version, {@code _cvs _svn _git _hg _p} after.
 * A dotted component with a leading zero is compared as a string (as Gentoo does); other numbers as
 * numbers (of any length, where apk uses 64 bits). Valid means apk itself would accept the version.
 */
public final class ApkVersionScheme implements VersionScheme {

  // token kinds, in the order apk ranks them when two versions part ways
  static final int INITIAL_DIGIT = 0;
  static final int DIGIT = 1;
  static final int LETTER = 2;
  static final int SUFFIX = 3;
  static final int SUFFIX_NO = 4;
  static final int COMMIT_HASH = 5;
  static final int REVISION_NO = 6;
  static final int END = 7;
  static final int INVALID = 8;

  /** Suffix ranks; those below {@link #NO_SUFFIX} are pre-releases. */
  private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", null, "cvs", "svn", "git", "hg", "p"};

  private static final int NO_SUFFIX = 4;

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public boolean isValid(String version) {
    if (version == null) {
      return false;
    }
    Tokens t = new Tokens(version);
    while (t.type < END) {
      t.next();
    }
    return t.type == END;
  }

  @Override
  public int compare(String a, String b) {
    if (!isValid(a)) {
      throw new InvalidVersionException(name(), a);
    }
    if (!isValid(b)) {
      throw new InvalidVersionException(name(), b);
    }
    return compareLenient(a, b);
  }

  /**
   * apk's comparison, which also runs on invalid versions (they compare up to the first bad token, and a
   * bad token ranks below everything). Package-private: only the golden test needs it.
   */
  static int compareLenient(String a, String b) {
    Tokens ta = new Tokens(a);
    Tokens tb = new Tokens(b);
    while (ta.type == tb.type && ta.type < END) {
      int c = compareTokens(ta, tb);
      if (c != 0) {
        return c;
      }
      ta.next();
      tb.next();
    }
    if (ta.type == tb.type) {
      return 0;
    }
    // equal so far: the longer version is newer, unless what it has more is a pre-release suffix
    if (ta.type == SUFFIX && ta.suffix < NO_SUFFIX) {
      return -1;
    }
    if (tb.type == SUFFIX && tb.suffix < NO_SUFFIX) {
      return 1;
    }
    return ta.type > tb.type ? -1 : 1;
  }

  private static int compareTokens(Tokens a, Tokens b) {
    switch (a.type) {
      case DIGIT:
        if (a.value.charAt(0) == '0' || b.value.charAt(0) == '0') {
          return Integer.signum(a.value.compareTo(b.value));
        }
        return compareNumbers(a.value, b.value);
      case INITIAL_DIGIT:
      case SUFFIX_NO:
      case REVISION_NO:
        return compareNumbers(a.value, b.value);
      case LETTER:
        return Character.compare(a.value.charAt(0), b.value.charAt(0));
      case SUFFIX:
        return Integer.compare(a.suffix, b.suffix);
      default:
        return Integer.signum(a.value.compareTo(b.value));
    }
  }

  private static int compareNumbers(String x, String y) {
    String a = stripZeros(x);
    String b = stripZeros(y);
    if (a.length() != b.length()) {
      return a.length() < b.length() ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  /** Walks a version token by token; {@code type}, {@code value} and {@code suffix} describe the current one. */
  private static final class Tokens {
    private final String s;
    private int pos;
    int type;
    String value = "";
    int suffix;

    Tokens(String s) {
      this.s = s;
      type = INITIAL_DIGIT;
      digits();
    }

    private void digits() {
      int start = pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      value = s.substring(start, pos);
      if (value.isEmpty()) {
        type = INVALID;
      }
    }

    void next() {
      if (pos >= s.length()) {
        type = END;
        return;
      }
      char c = s.charAt(pos);
      if (c >= 'a' && c <= 'z') {
        if (type > DIGIT) {
          type = INVALID;
          return;
        }
        value = s.substring(pos, pos + 1);
        type = LETTER;
        pos++;
      } else if (c == '.' || isDigit(c)) {
        if (c == '.') {
          if (type > DIGIT) {
            type = INVALID;
            return;
          }
          pos++;
        }
        if (type == INITIAL_DIGIT || type == DIGIT) {
          type = DIGIT;
        } else if (type == SUFFIX) {
          type = SUFFIX_NO;
        } else {
          type = INVALID;
          return;
        }
        digits();
      } else if (c == '_') {
        if (type > SUFFIX_NO) {
          type = INVALID;
          return;
        }
        int start = ++pos;
        while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') {
          pos++;
        }
        value = s.substring(start, pos);
        suffix = suffixRank(value);
        type = suffix < 0 ? INVALID : SUFFIX;
      } else if (c == '~') {
        if (type >= COMMIT_HASH) {
          type = INVALID;
          return;
        }
        int start = ++pos;
        while (pos < s.length() && isHex(s.charAt(pos))) {
          pos++;
        }
        value = s.substring(start, pos);
        type = value.isEmpty() ? INVALID : COMMIT_HASH;
      } else if (c == '-') {
        if (type >= REVISION_NO || !s.startsWith("-r", pos)) {
          type = INVALID;
          return;
        }
        pos += 2;
        type = REVISION_NO;
        digits();
      } else {
        type = INVALID;
      }
    }

    private static int suffixRank(String name) {
      for (int i = 0; i < SUFFIXES.length; i++) {
        if (name.equals(SUFFIXES[i])) {
          return i;
        }
      }
      return -1;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
      return isDigit(c) || (c >= 'a' && c <= 'f');
    }
  }
}
