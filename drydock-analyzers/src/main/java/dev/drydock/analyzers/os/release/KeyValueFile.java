package dev.drydock.analyzers.os.release;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code KEY=value} format of os-release(5) and lsb-release: one assignment per line, '#'
 * comments, values optionally in single or double quotes with shell-style backslash escapes. Lines that
 * do not fit are ignored; the first assignment of a key wins. Unquoted values with spaces (not allowed by
 * the spec, but seen in the wild) are kept whole.
 */
final class KeyValueFile {
  private KeyValueFile() {}

  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        continue;
      }
      String value = unquote(line.substring(eq + 1).strip());
      if (value != null) {
        out.putIfAbsent(key, value);
      }
    }
    return out;
  }

  /** The shell-unquoted value, or null when a quote is not closed. */
  static String unquote(String v) {
    StringBuilder sb = new StringBuilder(v.length());
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '"') {
        int j = i + 1;
        boolean closed = false;
        while (j < v.length()) {
          char d = v.charAt(j);
          if (d == '\\' && j + 1 < v.length() && "\"\\$`".indexOf(v.charAt(j + 1)) >= 0) {
            sb.append(v.charAt(j + 1));
            j += 2;
          } else if (d == '"') {
            closed = true;
            j++;
            break;
          } else {
            sb.append(d);
            j++;
          }
        }
        if (!closed) {
          return null;
        }
        i = j;
      } else if (c == '\'') {
        int end = v.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        sb.append(v, i + 1, end);
        i = end + 1;
      } else if (c == '\\' && i + 1 < v.length()) {
        sb.append(v.charAt(i + 1));
        i += 2;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
