package dev.drydock.checks.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits RUN shell text into simple commands. An approximation of the shell grammar that is good enough for rules:
 * commands are separated by {@code ; && || | & )} and newlines; quotes are removed from words; leading keywords
 * ({@code then do else}), variable assignments, {@code sudo}/{@code env} wrappers and paths of the command are
 * dropped, so {@code DEBIAN_FRONTEND=noninteractive sudo -E /usr/bin/apt-get install x} is {@code apt-get [install,
 * x]}. Linear in the length of the text.
 */
final class Commands {
  private static final Set<String> PREFIXES = Set.of("then", "do", "else", "elif", "if", "while", "until", "{", "(",
      "!", "time", "exec", "command", "nohup", "xargs");

  /**
   * One simple command: its name (without a path), its arguments (quotes removed), whether sudo ran it, and whether
   * its standard input is the previous command's output ({@code a | b}: b is piped).
   */
  record Cmd(String name, List<String> args, boolean sudo, boolean piped) {
    boolean has(String arg) {
      return args.contains(arg);
    }

    /**
     * The first argument that is not a flag, or "" (the subcommand of apt-get, apk, pip, npm ...); {@code valued}
     * flags (e.g. "-o") also skip their next word.
     */
    String sub(Set<String> valued) {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("-")) {
          return a;
        }
        if (valued.contains(a)) {
          i++;
        }
      }
      return "";
    }
  }

  private Commands() {}

  static List<Cmd> parse(String script) {
    List<Cmd> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    boolean piped = false;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
        continue;
      }
      if (c == '#' && !inWord) {
        while (i + 1 < n && script.charAt(i + 1) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '\\' && i + 1 < n) {
        char d = script.charAt(++i);
        if (d != '\n') {
          w.append(d);
          inWord = true;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
        continue;
      }
      boolean sep = c == ';' || c == '\n' || c == ')' || c == '|' && !(i > 0 && script.charAt(i - 1) == '>')
          || c == '&' && !(i > 0 && (script.charAt(i - 1) == '>' || script.charAt(i - 1) == '<'))
          && !(i + 1 < n && script.charAt(i + 1) == '>');
      if (sep || Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        if (sep) {
          add(out, words, piped);
          words = new ArrayList<>();
          piped = false;
          if (c == '|') {
            if (i + 1 < n && script.charAt(i + 1) == '|') {
              i++;
            } else {
              piped = true;
              if (i + 1 < n && script.charAt(i + 1) == '&') {
                i++;
              }
            }
          } else if (c == '&' && i + 1 < n && script.charAt(i + 1) == '&') {
            i++;
          }
        }
        continue;
      }
      w.append(c);
      inWord = true;
    }
    if (inWord) {
      words.add(w.toString());
    }
    add(out, words, piped);
    return out;
  }

  private static void add(List<Cmd> out, List<String> words, boolean piped) {
    int i = 0;
    boolean sudo = false;
    while (i < words.size()) {
      String word = words.get(i);
      if (PREFIXES.contains(word) || isAssignment(word)) {
        i++;
      } else if (word.equals("sudo") || word.equals("env")) {
        sudo |= word.equals("sudo");
        i++;
        while (i < words.size() && (words.get(i).startsWith("-") || isAssignment(words.get(i)))) {
          String flag = words.get(i++);
          if (flag.equals("-u") || flag.equals("-g")) {
            i++;
          }
        }
      } else {
        break;
      }
    }
    if (i >= words.size()) {
      return;
    }
    String name = words.get(i);
    while (name.startsWith("(") || name.startsWith("{")) {
      name = name.substring(1);
    }
    name = name.substring(name.lastIndexOf('/') + 1);
    List<String> args = words.subList(i + 1, words.size());
    if (name.startsWith("python") && args.size() >= 2 && args.get(0).equals("-m") && args.get(1).startsWith("pip")) {
      name = "pip";
      args = args.subList(2, args.size());
    }
    if (!name.isEmpty()) {
      out.add(new Cmd(name, List.copyOf(args), sudo, piped));
    } else if (sudo) {
      out.add(new Cmd("", List.of(), true, piped));
    }
  }

  /** Whether the script pipes one command into another (a single '|' outside quotes; '||' is not a pipe). */
  static boolean hasPipe(String script) {
    char quote = 0;
    int n = script.length();
    for (int i = 0; i < n; i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\\') {
        i++;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(script.charAt(i - 1)))) {
        while (i + 1 < n && script.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '|') {
        if (i + 1 < n && script.charAt(i + 1) == '|') {
          i++;
        } else if (!(i > 0 && script.charAt(i - 1) == '>')) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAssignment(String w) {
    int eq = w.indexOf('=');
    if (eq <= 0) {
      return false;
    }
    for (int i = 0; i < eq; i++) {
      char c = w.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_') || i == 0 && Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** The words after {@code sub}, without flags; {@code valued} flags (e.g. "-o") also drop their next word. */
  static List<String> operands(Cmd c, String sub, Set<String> valued) {
    List<String> out = new ArrayList<>();
    boolean seen = false;
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String w = a.get(i);
      if (w.startsWith("-")) {
        if (valued.contains(w)) {
          i++;
        }
      } else if (!seen && w.equals(sub)) {
        seen = true;
      } else if (seen) {
        out.add(w);
      }
    }
    return out;
  }
}
