package dev.drydock.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A parsed Content-Security-Policy: directive name (lower case) to its source list (as written). */
record Csp(Map<String, List<String>> directives, boolean duplicates) {

  /** Parses one policy; a directive given twice keeps its first occurrence (as browsers do). */
  static Csp parse(String header) {
    Map<String, List<String>> d = new LinkedHashMap<>();
    boolean dup = false;
    for (String part : header.split(";")) {
      String[] tokens = part.strip().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        continue;
      }
      String name = tokens[0].toLowerCase(Locale.ROOT);
      List<String> sources = new ArrayList<>();
      for (int i = 1; i < tokens.length; i++) {
        sources.add(tokens[i]);
      }
      if (d.containsKey(name)) {
        dup = true;
      } else {
        d.put(name, sources);
      }
    }
    return new Csp(d, dup);
  }

  boolean has(String directive) {
    return directives.containsKey(directive);
  }

  /** The sources in force for {@code directive}: its own, else default-src's, else null (no restriction). */
  List<String> effective(String directive) {
    List<String> own = directives.get(directive);
    return own != null ? own : directives.get("default-src");
  }

  static boolean containsKeyword(List<String> sources, String keyword) {
    return sources != null && sources.stream().anyMatch(s -> s.equalsIgnoreCase(keyword));
  }
}
