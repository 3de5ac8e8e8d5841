package dev.drydock.analyzers.os.dpkg;

import java.io.IOException;
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
  /**
   * Longest field value, in characters (continuation lines included). The longest fields of real status files
   * (a {@code Description}, {@code Conffiles} of a large package) are tens of kilobytes; a file with a longer one
   * is not read (the layer's warnings name it) rather than holding megabytes per field.
   */
  static final int MAX_FIELD = 1 << 20;

  private ControlStanzas() {}

  /** One paragraph: field values (continuation lines joined with '\n') and its 1-based first line. */
  record Stanza(Map<String, String> fields, int line) {
    String get(String field) {
      return fields.get(field);
    }
  }

  /**
   * @throws IOException {@code line N: field F is longer than 1048576 characters} past {@link #MAX_FIELD}
   */
  static List<Stanza> parse(String text) throws IOException {
    List<Stanza> out = new ArrayList<>();
    Map<String, String> fields = newFields();
    String current = null;
    // the value of the current field while its continuation lines come in: appended to, not copied each line
    StringBuilder value = new StringBuilder();
    int start = 0;
    int lineNo = 0;
    int pos = 0;
    int n = text.length();
    while (pos <= n) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? n : nl;
      String line = end > pos && text.charAt(end - 1) == '\r' ? text.substring(pos, end - 1) : text.substring(pos, end);
      pos = end + 1;
      lineNo++;
      if (line.isBlank()) {
        finish(fields, current, value);
        if (!fields.isEmpty()) {
          out.add(new Stanza(fields, start));
          fields = newFields();
        }
        current = null;
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (current != null) {
          value.append('\n').append(line, 1, line.length());
          checkLength(current, value, lineNo);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      finish(fields, current, value);
      current = null;
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      if (fields.isEmpty()) {
        start = lineNo;
      }
      String name = line.substring(0, colon).strip();
      if (fields.containsKey(name)) {
        continue; // a repeated field: keep the first, drop the repeat and its continuation
      }
      fields.put(name, "");
      value.append(line, colon + 1, line.length());
      current = name;
      checkLength(current, value, lineNo);
    }
    finish(fields, current, value);
    if (!fields.isEmpty()) {
      out.add(new Stanza(fields, start));
    }
    return out;
  }

  private static void checkLength(String field, StringBuilder value, int lineNo) throws IOException {
    if (value.length() > MAX_FIELD) {
      throw new IOException("line " + lineNo + ": field " + field + " is longer than " + MAX_FIELD + " characters");
    }
  }

  /** Stores the value gathered for {@code field} (stripped of the blanks after its colon) and resets it. */
  private static void finish(Map<String, String> fields, String field, StringBuilder value) {
    if (field != null) {
      int i = 0;
      while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      int nl = value.indexOf("\n", i);
      // the first line is stripped at both ends, as before; continuation lines are kept as written
      String first = (nl < 0 ? value.substring(i) : value.substring(i, nl)).strip();
      fields.put(field, nl < 0 ? first : first + value.substring(nl));
    }
    value.setLength(0);
  }

  private static Map<String, String> newFields() {
    return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  }
}
