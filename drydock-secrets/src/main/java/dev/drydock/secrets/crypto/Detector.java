package dev.drydock.secrets.crypto;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One way a rule shows up in some languages: keywords for the file prefilter, anchors that every match
 * contains, a regex for one statement and an optional check on the match. The regex is tried only at the
 * {@code back} positions before each anchor occurrence and may extend {@link #FORWARD} characters after it,
 * never over the whole file. A finding is located at the named group {@code at} when the regex has one, else
 * at the start of the match.
 *
 * @param languages languages this detector runs on
 * @param keywords literals of which one must occur in the file (case-insensitive) for the detector to run at
 *     all; an import ({@code crypto/des}) or a word of the match itself
 * @param anchors literals (case-insensitive) of which every match contains one, no further than {@code back}
 *     characters from its start; the keywords when not given
 * @param back how far before an anchor a match may start
 * @param pattern the statement regex
 * @param check extra condition on a match (arguments, numbers), or null
 * @param references other tools' rule ids that flag the same thing
 */
record Detector(Set<Language> languages, List<String> keywords, List<String> anchors, int back, Pattern pattern,
    Check check, List<String> references) {
  /** Default for {@code back}: enough for a qualified name or a few spaces before the anchor. */
  static final int BACK = 64;
  /** Characters after an anchor a match may reach. */
  static final int FORWARD = 3000;

  /** Extra condition on a regex match. */
  @FunctionalInterface
  interface Check {
    boolean test(Source source, Matcher match);
  }

  Detector {
    languages = Set.copyOf(languages);
    keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    anchors = (anchors.isEmpty() ? keywords : anchors).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    references = List.copyOf(references);
    if (keywords.isEmpty()) {
      throw new IllegalArgumentException("no keyword for " + pattern);
    }
  }

  /** Offset at which a match is reported. */
  int at(Matcher m) {
    return pattern.pattern().contains("(?<at>") ? m.start("at") : m.start();
  }

  /** Fluent construction: {@code on(JAVA, KOTLIN).key("MessageDigest").regex("...")}. */
  static Builder on(Language... languages) {
    return new Builder(Set.of(languages));
  }

  /** Collects the parts of a detector. */
  static final class Builder {
    private final Set<Language> languages;
    private List<String> keywords = List.of();
    private List<String> anchors = List.of();
    private int back = BACK;
    private Check check;
    private List<String> references = List.of();

    private Builder(Set<Language> languages) {
      this.languages = languages;
    }

    /** File prefilter keywords; also the anchors unless {@link #anchor} names others. */
    Builder key(String... keywords) {
      this.keywords = List.of(keywords);
      return this;
    }

    /** Literals inside every match, when the keywords are file-level (imports). */
    Builder anchor(String... anchors) {
      this.anchors = List.of(anchors);
      return this;
    }

    /** How far before an anchor a match may start, when more than {@link #BACK}. */
    Builder back(int back) {
      this.back = back;
      return this;
    }

    Builder check(Check check) {
      this.check = check;
      return this;
    }

    Builder refs(String... references) {
      this.references = List.of(references);
      return this;
    }

    Detector regex(String regex) {
      return new Detector(languages, keywords, anchors, back, Pattern.compile(regex), check, references);
    }
  }
}
