package dev.drydock.secrets.crypto;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One source file being scanned: its text, language and line index. Not shared between threads. */
final class Source {
  /** Marker that suppresses findings on its line (the same marker the secret scanner honours). */
  static final String ALLOW_MARKER = "drydock:allow";

  private final String text;
  private final Language language;
  private final int[] lineStarts;
  private final Map<Integer, Integer> commentStarts = new HashMap<>();
  private Set<Integer> allowedLines;

  Source(String text, Language language) {
    this.text = text;
    this.language = language;
    this.lineStarts = lineStarts(text);
  }

  String text() {
    return text;
  }

  Language language() {
    return language;
  }

  /** 1-based line of an offset. */
  int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column of an offset (in UTF-16 units, like most editors' Java and JS tooling). */
  int columnOf(int offset) {
    return offset - lineStarts[lineOf(offset) - 1] + 1;
  }

  /** Whether the line holding this offset carries the {@code drydock:allow} marker. */
  boolean allowed(int offset) {
    if (allowedLines == null) {
      allowedLines = new HashSet<>();
      for (int i = text.indexOf(ALLOW_MARKER); i >= 0; i = text.indexOf(ALLOW_MARKER, i + 1)) {
        allowedLines.add(lineOf(i));
      }
    }
    return allowedLines.contains(lineOf(offset));
  }

  /**
   * Whether an offset sits in a comment, judged cheaply from its own line: the line starts with a comment
   * marker ({@code //}, {@code /*}, {@code *}; in Python {@code #} and doctest {@code >>>}), or a line comment
   * starts before the offset outside a string literal. Block comments whose inner lines have no leading
   * {@code *} are missed.
   * Each line is read at most once per file, so minified one-line files stay linear.
   */
  boolean inComment(int offset) {
    int line = lineOf(offset);
    return offset >= commentStarts.computeIfAbsent(line, this::commentStart);
  }

  /** Offset where a comment starts on a 1-based line, or {@code Integer.MAX_VALUE} when it has none. */
  private int commentStart(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    int i = start;
    while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (text.startsWith("*", i) || text.startsWith("/*", i) || language.hashComments() && text.startsWith(">>>", i)) {
      return start;
    }
    char quote = 0;
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (language.hashComments() ? c == '#' : c == '/' && text.startsWith("//", i)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static int[] lineStarts(String text) {
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    int[] starts = new int[n];
    int k = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[k++] = i + 1;
      }
    }
    return starts;
  }
}
