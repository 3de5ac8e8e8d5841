package dev.drydock.vulndb.suppress;

import java.util.regex.Pattern;

/**
 * Path globs of ignore rules: {@code *} any run of characters within one path segment, {@code ?} one
 * character within a segment, {@code **} any run across segments ({@code **}{@code /} also matches no
 * directory at all). Leading {@code /} and {@code ./} are ignored on both sides.
 */
final class Glob {
  private final Pattern pattern;

  private Glob(Pattern pattern) {
    this.pattern = pattern;
  }

  static Glob of(String glob) {
    String g = normalise(glob);
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < g.length()) {
      char c = g.charAt(i);
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
        if (i + 2 < g.length() && g.charAt(i + 2) == '/') {
          regex.append("(?:.*/)?");
          i += 3;
        } else {
          regex.append(".*");
          i += 2;
        }
      } else if (c == '*') {
        regex.append("[^/]*");
        i++;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return new Glob(Pattern.compile(regex.toString()));
  }

  boolean matches(String path) {
    return path != null && pattern.matcher(normalise(path)).matches();
  }

  private static String normalise(String path) {
    String p = path.strip();
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.startsWith("./") ? p.substring(2) : p.substring(1);
    }
    return p;
  }
}
