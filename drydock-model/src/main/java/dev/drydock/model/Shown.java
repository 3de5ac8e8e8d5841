package dev.drydock.model;

/**
 * Text from an input as a one-line message shows it: line breaks, tabs and other control characters escaped
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so a file name or value chosen by whoever wrote the input
 * cannot split an error line or move the terminal's cursor.
 */
public final class Shown {
  private Shown() {}

  /** {@code value} escaped, whole. */
  public static String escaped(String value) {
    return escaped(value, Integer.MAX_VALUE);
  }

  /** {@code value} escaped, cut after {@code max} characters of output with "..." when longer. */
  public static String escaped(String value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (; i < value.length() && b.length() < max; i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return i < value.length() ? b + "..." : b.toString();
  }
}
