package dev.drydock.analyzers.lang.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the header block of Python core metadata (METADATA / PKG-INFO). */
final class CoreMetadata {
  private CoreMetadata() {}

  /** Header names lower-cased to their values in order; continuation lines are joined with '\n'. */
  static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String lastName = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
        List<String> values = headers.get(lastName);
        int i = values.size() - 1;
        values.set(i, values.get(i) + "\n" + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      lastName = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(lastName, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
