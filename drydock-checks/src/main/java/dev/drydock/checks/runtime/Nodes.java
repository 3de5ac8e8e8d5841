package dev.drydock.checks.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.model.DrydockException;
import java.util.Locale;

/**
 * Typed reads from a {@link Doc} for the container checkers. A value of the wrong type is bad input: a
 * {@link DrydockException} {@code file:line: <path> must be ...}, never a ClassCastException. Missing and
 * {@code null} values read as {@code null}, and so do booleans and integers given as a variable
 * ({@code "${PRIVILEGED:-false}"}, compose interpolation): their value is unknown until run time.
 */
public final class Nodes {
  private Nodes() {}

  /** The node at {@code pointer}, or null when missing or YAML/JSON null. */
  public static JsonNode node(Doc doc, String pointer) {
    JsonNode n = raw(doc, pointer);
    return n == null || n.isNull() ? null : n;
  }

  /** Whether the key at {@code pointer} is there (its value may be null). */
  public static boolean has(Doc doc, String pointer) {
    return raw(doc, pointer) != null;
  }

  /**
   * The node at {@code pointer} (a JSON null is returned as such), or null when missing. Walks the tree
   * directly: the rules look up hundreds of pointers per manifest, and compiling each as a JsonPointer
   * costs more than parsing the YAML.
   */
  private static JsonNode raw(Doc doc, String pointer) {
    JsonNode n = doc.root();
    int i = 0;
    int len = pointer.length();
    while (n != null && i < len) {
      int next = pointer.indexOf('/', i + 1);
      if (next < 0) {
        next = len;
      }
      String seg = pointer.substring(i + 1, next);
      if (n.isObject()) {
        n = n.get(seg.indexOf('~') >= 0 ? seg.replace("~1", "/").replace("~0", "~") : seg);
      } else if (n.isArray()) {
        int idx = index(seg);
        n = idx >= 0 ? n.get(idx) : null;
      } else {
        n = null;
      }
      i = next;
    }
    return n == null || n.isMissingNode() ? null : n;
  }

  private static int index(String seg) {
    if (seg.isEmpty() || seg.length() > 9) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < seg.length(); k++) {
      char c = seg.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The mapping at {@code pointer}, or null. */
  public static JsonNode object(Doc doc, String pointer) {
    JsonNode n = node(doc, pointer);
    if (n != null && !n.isObject()) {
      throw error(doc, pointer, "must be a mapping, not " + describe(n));
    }
    return n;
  }

  /** The list at {@code pointer}, or null. */
  public static JsonNode list(Doc doc, String pointer) {
    JsonNode n = node(doc, pointer);
    if (n != null && !n.isArray()) {
      throw error(doc, pointer, "must be a list, not " + describe(n));
    }
    return n;
  }

  /** A boolean ({@code true}/{@code false}, also as the strings "true"/"false"), or null. */
  public static Setting<Boolean> bool(Doc doc, String pointer) {
    JsonNode n = node(doc, pointer);
    if (n == null) {
      return null;
    }
    if (n.isBoolean()) {
      return Setting.of(n.booleanValue(), pointer);
    }
    if (n.isTextual() && n.textValue().contains("${")) {
      return null;
    }
    if (n.isTextual()) {
      String t = n.textValue().trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        return Setting.of(t.equals("true"), pointer);
      }
    }
    throw error(doc, pointer, "must be true or false, not " + describe(n));
  }

  /** A scalar as text (numbers and booleans too), or null. */
  public static Setting<String> text(Doc doc, String pointer) {
    JsonNode n = node(doc, pointer);
    if (n == null) {
      return null;
    }
    if (n.isContainerNode()) {
      throw error(doc, pointer, "must be a single value, not " + describe(n));
    }
    return Setting.of(n.asText(), pointer);
  }

  /** An integer (also as a string of digits), or null. */
  public static Setting<Long> integer(Doc doc, String pointer) {
    JsonNode n = node(doc, pointer);
    if (n == null) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return Setting.of(n.longValue(), pointer);
    }
    if (n.isTextual() && n.textValue().contains("${")) {
      return null;
    }
    if (n.isTextual() && n.textValue().trim().matches("-?\\d{1,18}")) {
      return Setting.of(Long.parseLong(n.textValue().trim()), pointer);
    }
    throw error(doc, pointer, "must be an integer, not " + describe(n));
  }

  /** A bad-input error at the key of {@code pointer}: {@code file:line: path message}. */
  public static DrydockException error(Doc doc, String pointer, String message) {
    // one line whatever the document's keys and values hold (a quoted value may span lines)
    String line = path(pointer) + " " + message;
    return new DrydockException(doc.file() + ":" + doc.keyAt(pointer).line() + ": "
        + line);
  }

  /** {@code /spec/containers/0/name} as {@code spec.containers[0].name}. */
  public static String path(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String p = part.replace("~1", "/").replace("~0", "~");
      if (p.matches("\\d+")) {
        sb.append('[').append(p).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(p);
      }
    }
    return sb.length() == 0 ? "document" : sb.toString();
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    String t = n.asText();
    if (t.length() > 40) {
      t = t.substring(0, 40) + "...";
    }
    return n.isTextual() ? "\"" + t + "\"" : t;
  }
}
