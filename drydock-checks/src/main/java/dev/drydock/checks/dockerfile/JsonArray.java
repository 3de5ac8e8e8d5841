package dev.drydock.checks.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Parses a JSON array of strings (Dockerfile exec form); null when the text is not exactly that. */
final class JsonArray {
  private JsonArray() {}

  static List<String> parse(String s) {
    List<String> out = new ArrayList<>();
    int i = skip(s, 1);
    if (!s.startsWith("[")) {
      return null;
    }
    if (i < s.length() && s.charAt(i) == ']') {
      return skip(s, i + 1) == s.length() ? out : null;
    }
    while (i < s.length()) {
      if (s.charAt(i) != '"') {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      i++;
      while (i < s.length() && s.charAt(i) != '"') {
        char c = s.charAt(i);
        if (c == '\\') {
          if (i + 1 >= s.length()) {
            return null;
          }
          char e = s.charAt(++i);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              if (i + 4 >= s.length()) {
                return null;
              }
              try {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              } catch (NumberFormatException ex) {
                return null;
              }
              i += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(c);
        }
        i++;
      }
      if (i >= s.length()) {
        return null;
      }
      out.add(sb.toString());
      i = skip(s, i + 1);
      if (i >= s.length()) {
        return null;
      }
      if (s.charAt(i) == ']') {
        return skip(s, i + 1) == s.length() ? out : null;
      }
      if (s.charAt(i) != ',') {
        return null;
      }
      i = skip(s, i + 1);
    }
    return null;
  }

  private static int skip(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
