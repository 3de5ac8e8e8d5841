package dev.drydock.analyzers.os.dpkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Debian control-file syntax (deb822): paragraphs separated by blank lines, {@code Field: value}
 * lines, continuation lines starting with a space or tab. Field names are case-insensitive; the first
 * occurrence of a field wins. Lines that fit nothing are ignored.
 */
final class ControlStanzas {
  private ControlStanzas() {}

  /** One paragraph: field values (continuation lines joined with '\n') and its 1-based first line. */
  record Stanza(Map<String, String> fields, int line) {
    String get(String field) {
      return fields.get(field);
    }
  }

  static List<Stanza> parse(String text) {
    List<Stanza> out = new ArrayList<>();
    Map<String, String> fields = newFields();
    String current = null;
    int start = 0;
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        if (!fields.isEmpty()) {
          out.add(new Stanza(fields, start));
          fields = newFields();
        }
        current = null;
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (current != null) {
          fields.computeIfPresent(current, (k, v) -> v + "\n" + line.substring(1));
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        current = null;
        continue;
      }
      if (fields.isEmpty()) {
        start = lineNo;
      }
      String name = line.substring(0, colon).strip();
      if (fields.containsKey(name)) {
        current = null; // a repeated field: keep the first, drop the repeat and its continuation
        continue;
      }
      fields.put(name, line.substring(colon + 1).strip());
      current = name;
    }
    if (!fields.isEmpty()) {
      out.add(new Stanza(fields, start));
    }
    return out;
  }

  private static Map<String, String> newFields() {
    return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  }
}
