package dev.drydock.secrets.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of one {@code .gitignore} file, matched against paths relative to the directory holding it.
 *
 * <p>The subset of gitignore(5) implemented: blank lines and {@code #} comments; {@code \#} and {@code \!}
 * escapes; trailing spaces dropped; {@code !} negation; a trailing {@code /} matches directories only; a
 * pattern with a {@code /} at the start or in the middle is anchored to this file's directory, otherwise it
 * matches a name at any depth below it; {@code *}, {@code ?}, {@code [...]} (with {@code !} or {@code ^}
 * negation) and {@code **} in the leading ({@code ** /x}), trailing ({@code x/**}) and middle ({@code a/** /b})
 * forms. Within a file the last matching pattern decides. Not implemented: {@code core.excludesFile},
 * {@code .git/info/exclude}, escaped trailing spaces.
 */
public final class Gitignore {
  private record Entry(Pattern regex, boolean negated, boolean dirOnly) {}

  private final List<Entry> entries;

  private Gitignore(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Parses the text of one {@code .gitignore} file. */
  public static Gitignore parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : text.split("\r?\n", -1)) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = false;
      if (line.startsWith("!")) {
        negated = true;
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      boolean dirOnly = line.endsWith("/");
      if (dirOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.indexOf('/') >= 0;
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
      entries.add(new Entry(Pattern.compile(regex), negated, dirOnly));
    }
    return new Gitignore(entries);
  }

  /**
   * What this file says about {@code relPath} ('/'-separated, relative to the file's directory): TRUE ignored,
   * FALSE re-included by a negated pattern, null no pattern matches.
   */
  public Boolean decide(String relPath, boolean directory) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      if (e.dirOnly() && !directory) {
        continue;
      }
      if (e.regex().matcher(relPath).matches()) {
        return !e.negated();
      }
    }
    return null;
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
      end--;
    }
    return s.substring(0, end);
  }

  static String globToRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*'
          && (i == 0 || glob.charAt(i - 1) == '/')
          && (i + 2 == n || glob.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          sb.append(".*"); // trailing "/**": everything inside
          i += 2;
        } else {
          sb.append("(?:.*/)?"); // leading "**/" or middle "/**/": zero or more directories
          i += 3;
        }
        continue;
      }
      switch (c) {
        case '*' -> sb.append("[^/]*");
        case '?' -> sb.append("[^/]");
        case '\\' -> {
          if (i + 1 < n) {
            sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            sb.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            sb.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = close;
          }
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return sb.toString();
  }
}
