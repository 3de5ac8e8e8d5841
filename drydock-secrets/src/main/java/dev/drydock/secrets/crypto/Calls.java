package dev.drydock.secrets.crypto;

import java.util.ArrayList;
import java.util.List;

/** Reads the arguments of one call and recognises string literals, without a parser. */
final class Calls {
  /** Calls longer than this many characters are not read (the rule then does not fire). */
  static final int MAX_CALL = 4000;

  private Calls() {}

  /**
   * The top-level arguments of the call whose opening parenthesis is at {@code open}, trimmed; null when the
   * call is not closed within {@link #MAX_CALL} characters. Brackets nest; string literals are skipped.
   */
  static List<String> args(String text, int open) {
    if (open < 0 || open >= text.length() || text.charAt(open) != '(') {
      return null;
    }
    List<String> args = new ArrayList<>();
    int depth = 0;
    int argStart = open + 1;
    int limit = Math.min(text.length(), open + MAX_CALL);
    for (int i = open + 1; i < limit; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"', '\'', '`' -> i = skipString(text, i, limit);
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> {
          if (depth == 0) {
            String last = text.substring(argStart, i).trim();
            if (!last.isEmpty() || !args.isEmpty()) {
              args.add(last);
            }
            return args;
          }
          depth--;
        }
        case ',' -> {
          if (depth == 0) {
            args.add(text.substring(argStart, i).trim());
            argStart = i + 1;
          }
        }
        default -> { }
      }
    }
    return null;
  }

  /** The arguments of the call whose name ends just before the first '(' at or after {@code from}. */
  static List<String> argsAfter(String text, int from) {
    int open = text.indexOf('(', from);
    return open < 0 ? null : args(text, open);
  }

  private static int skipString(String text, int i, int limit) {
    char quote = text.charAt(i);
    for (int j = i + 1; j < limit; j++) {
      char c = text.charAt(j);
      if (c == '\\' && quote != '`') {
        j++;
      } else if (c == quote) {
        return j;
      } else if (c == '\n' && quote != '`') {
        return j;
      }
    }
    return limit;
  }

  /**
   * The content of an argument that is exactly one string literal: Java/Kotlin/C#/Go {@code "..."}, C#
   * {@code @"..."}, Go and JS raw/template strings without interpolation, Python {@code '...'} with
   * {@code b r u} prefixes; null for anything else (names, calls, concatenations, interpolated strings).
   */
  static String literal(String arg) {
    String s = arg.strip();
    int p = 0;
    while (p < s.length() && p < 2 && "bBrRuU@".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
    if (s.length() - p < 2) {
      return null;
    }
    char q = s.charAt(p);
    if ((q != '"' && q != '\'' && q != '`') || s.charAt(s.length() - 1) != q) {
      return null;
    }
    String body = s.substring(p + 1, s.length() - 1);
    if (q == '`' && body.contains("${")) {
      return null;
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == q) {
        return null;
      }
    }
    return body;
  }

  /** Whether an argument is a non-empty string literal. */
  static boolean nonEmptyLiteral(String arg) {
    String value = arg == null ? null : literal(arg);
    return value != null && !value.isEmpty();
  }

  /**
   * The dotted name of the call whose argument list holds {@code offset} ({@code requests.get}), found by
   * walking back to the unclosed '(' within {@link #MAX_CALL} characters; null when there is none. String
   * literals are not skipped, so a parenthesis inside one can mislead it.
   */
  static String callee(String text, int offset) {
    int depth = 0;
    for (int i = offset - 1; i >= Math.max(0, offset - MAX_CALL); i--) {
      char c = text.charAt(i);
      if (c == ')' || c == ']' || c == '}') {
        depth++;
      } else if (c == '(' || c == '[' || c == '{') {
        if (depth == 0) {
          if (c != '(') {
            return null;
          }
          int end = i;
          while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
          }
          int start = end;
          while (start > 0 && isNamePart(text.charAt(start - 1))) {
            start--;
          }
          return start == end ? null : text.substring(start, end);
        }
        depth--;
      }
    }
    return null;
  }

  /** Whether the unclosed '(' before {@code offset} opens a Python/Kotlin/Go/JS definition's parameter list. */
  static boolean isDefinition(String text, int offset) {
    String callee = callee(text, offset);
    if (callee == null) {
      return false;
    }
    int open = text.lastIndexOf(callee, offset);
    int lineStart = text.lastIndexOf('\n', open) + 1;
    String before = text.substring(lineStart, Math.max(lineStart, open)).strip();
    return before.endsWith("def") || before.endsWith("fun") || before.endsWith("func") || before.endsWith("function");
  }

  private static boolean isNamePart(char c) {
    return Character.isJavaIdentifierPart(c) || c == '.';
  }
}
