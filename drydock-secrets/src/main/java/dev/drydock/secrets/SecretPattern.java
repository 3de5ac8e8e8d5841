package dev.drydock.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled regular expression of either engine: {@code java.util.regex} for the built-in rules (written
 * here, reviewed, fast) or re2j for rules from user files (linear time, Go RE2 syntax like gitleaks, so a
 * user's pattern cannot backtrack catastrophically). The scanner only needs this interface.
 */
public interface SecretPattern {

  /** The pattern's source text. */
  String source();

  /** Number of capture groups. */
  int groupCount();

  /**
   * All non-overlapping matches that start and end inside {@code [from, to)} of {@code text}, with offsets
   * relative to {@code text}. Lookarounds and word boundaries may look outside the range (JDK engine).
   */
  List<Match> findAll(CharSequence text, int from, int to);

  /** The match that starts exactly at {@code from} and ends by {@code to}, or null. */
  Match matchAt(CharSequence text, int from, int to);

  /** True if the pattern occurs anywhere in {@code text}. */
  default boolean foundIn(CharSequence text) {
    return !findAll(text, 0, text.length()).isEmpty();
  }

  /** A {@code java.util.regex} pattern. */
  static SecretPattern jdk(String regex) {
    return new Jdk(Pattern.compile(regex));
  }

  /** A {@code java.util.regex} pattern. */
  static SecretPattern jdk(Pattern pattern) {
    return new Jdk(pattern);
  }

  /**
   * An re2j pattern (Go RE2 syntax).
   *
   * @throws com.google.re2j.PatternSyntaxException for an invalid pattern
   */
  static SecretPattern re2(String regex) {
    return new Re2(com.google.re2j.Pattern.compile(regex));
  }

  /**
   * One match: {@code bounds[2g]} and {@code bounds[2g+1]} are group g's start and end, -1 when the group did
   * not take part.
   */
  record Match(int[] bounds) {
    public Match {
      Objects.requireNonNull(bounds, "bounds");
    }

    public int start(int group) {
      return bounds[2 * group];
    }

    public int end(int group) {
      return bounds[2 * group + 1];
    }

    public int start() {
      return start(0);
    }

    public int end() {
      return end(0);
    }

    public int groupCount() {
      return bounds.length / 2 - 1;
    }
  }

  /** java.util.regex over a region with transparent, non-anchoring bounds. */
  record Jdk(Pattern pattern) implements SecretPattern {
    @Override
    public String source() {
      return pattern.pattern();
    }

    @Override
    public int groupCount() {
      return pattern.matcher("").groupCount();
    }

    @Override
    public Match matchAt(CharSequence text, int from, int to) {
      Matcher m = pattern.matcher(text);
      m.region(from, to);
      m.useTransparentBounds(true);
      m.useAnchoringBounds(false);
      if (!m.lookingAt()) {
        return null;
      }
      return bounds(m);
    }

    @Override
    public List<Match> findAll(CharSequence text, int from, int to) {
      Matcher m = pattern.matcher(text);
      m.region(from, to);
      m.useTransparentBounds(true);
      m.useAnchoringBounds(false);
      List<Match> out = new ArrayList<>(1);
      while (m.find()) {
        out.add(bounds(m));
        if (m.end() == m.start() && m.end() >= to) {
          break;
        }
      }
      return out;
    }

    private static Match bounds(Matcher m) {
      int[] b = new int[2 * (m.groupCount() + 1)];
      for (int g = 0; g <= m.groupCount(); g++) {
        b[2 * g] = m.start(g);
        b[2 * g + 1] = m.end(g);
      }
      return new Match(b);
    }
  }

  /** re2j over the sub-sequence {@code [from, to)}; offsets are shifted back to the whole text. */
  record Re2(com.google.re2j.Pattern pattern) implements SecretPattern {
    @Override
    public String source() {
      return pattern.pattern();
    }

    @Override
    public int groupCount() {
      return pattern.groupCount();
    }

    @Override
    public Match matchAt(CharSequence text, int from, int to) {
      com.google.re2j.Matcher m = pattern.matcher(text.subSequence(from, to));
      if (!m.lookingAt()) {
        return null;
      }
      return bounds(m, from);
    }

    @Override
    public List<Match> findAll(CharSequence text, int from, int to) {
      com.google.re2j.Matcher m = pattern.matcher(from == 0 && to == text.length() ? text : text.subSequence(from, to));
      List<Match> out = new ArrayList<>(1);
      while (m.find()) {
        out.add(bounds(m, from));
      }
      return out;
    }

    /** Group bounds of a match in a sub-sequence starting at {@code from}, as offsets in the whole text. */
    private static Match bounds(com.google.re2j.Matcher m, int from) {
      int n = m.groupCount();
      int[] b = new int[2 * (n + 1)];
      for (int g = 0; g <= n; g++) {
        int s = m.start(g);
        b[2 * g] = s < 0 ? -1 : s + from;
        b[2 * g + 1] = s < 0 ? -1 : m.end(g) + from;
      }
      return new Match(b);
    }
  }
}
