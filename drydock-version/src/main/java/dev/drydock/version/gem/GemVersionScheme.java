package dev.drydock.version.gem;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RubyGems versions ({@code Gem::Version}): a version is split into numeric and letter runs; a letter run
 * marks a prerelease and sorts below any number; trailing zeros of the release part and of the
 * prerelease part are ignored ({@code 1.0 == 1}, {@code 1.0.a < 1.0}); a {@code -} means {@code .pre.}.
 */
public final class GemVersionScheme implements VersionScheme {

  /** What {@code Gem::Version.correct?} accepts (surrounding whitespace allowed; empty means 0). */
  private static final Pattern CORRECT = Pattern.compile(
      "[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  @Override
  public String name() {
    return "gem";
  }

  @Override
  public boolean isValid(String version) {
    if (version == null) {
      return false;
    }
    String s = strip(version);
    return s.isEmpty() || CORRECT.matcher(s).matches();
  }

  @Override
  public int compare(String a, String b) {
    List<Segment> x = canonicalSegments(require(a));
    List<Segment> y = canonicalSegments(require(b));
    int n = Math.max(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      Segment l = i < x.size() ? x.get(i) : Segment.ZERO;
      Segment r = i < y.size() ? y.get(i) : Segment.ZERO;
      int c = l.compareTo(r);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private String require(String version) {
    if (!isValid(version)) {
      throw new InvalidVersionException(name(), version);
    }
    String s = strip(version);
    return s.isEmpty() ? "0" : s.replace("-", ".pre.");
  }

  /** The whitespace Ruby's {@code \s} allows around a version. */
  private static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isRubySpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isRubySpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isRubySpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  /**
   * The runs of digits and of letters, with trailing zeros dropped from the numeric prefix and from the
   * rest (which starts at the first letter run).
   */
  static List<Segment> canonicalSegments(String version) {
    List<Segment> all = new ArrayList<>();
    int i = 0;
    while (i < version.length()) {
      char c = version.charAt(i);
      int j = i + 1;
      if (isDigit(c)) {
        while (j < version.length() && isDigit(version.charAt(j))) {
          j++;
        }
        all.add(Segment.number(version.substring(i, j)));
      } else if (isLetter(c)) {
        while (j < version.length() && isLetter(version.charAt(j))) {
          j++;
        }
        all.add(Segment.text(version.substring(i, j)));
      }
      i = j;
    }
    int firstText = 0;
    while (firstText < all.size() && all.get(firstText).isNumber()) {
      firstText++;
    }
    List<Segment> result = new ArrayList<>(dropTrailingZeros(all.subList(0, firstText)));
    result.addAll(dropTrailingZeros(all.subList(firstText, all.size())));
    return result;
  }

  private static List<Segment> dropTrailingZeros(List<Segment> segments) {
    int end = segments.size();
    while (end > 0 && segments.get(end - 1).isZero()) {
      end--;
    }
    return segments.subList(0, end);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
