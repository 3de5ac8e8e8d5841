package dev.drydock.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge ({@code Bearer realm="...",service="...",scope="..."} or
 * {@code Basic realm="..."}), as RFC 7235 writes it: a scheme, then comma-separated {@code key=value} pairs
 * whose values may be quoted (with backslash escapes).
 */
record Challenge(String scheme, Map<String, String> params) {

  static Challenge parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    int sp = h.indexOf(' ');
    String scheme = (sp < 0 ? h : h.substring(0, sp)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = sp < 0 ? h.length() : sp + 1;
    while (i < h.length()) {
      while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == ',')) {
        i++;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < h.length() && h.charAt(i) == '"') {
        i++;
        while (i < h.length() && h.charAt(i) != '"') {
          char c = h.charAt(i++);
          if (c == '\\' && i < h.length()) {
            c = h.charAt(i++);
          }
          value.append(c);
        }
        i++; // closing quote
      } else {
        while (i < h.length() && h.charAt(i) != ',') {
          value.append(h.charAt(i++));
        }
      }
      params.put(key, value.toString().trim());
    }
    return new Challenge(scheme, params);
  }

  boolean bearer() {
    return scheme.equals("bearer");
  }

  boolean basic() {
    return scheme.equals("basic");
  }
}
