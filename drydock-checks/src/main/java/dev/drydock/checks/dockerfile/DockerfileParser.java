package dev.drydock.checks.dockerfile;

import dev.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text following the Dockerfile reference (parser directives, continuations, heredocs, ARG/ENV).
 *
 * <p>Variable expansion is bounded: a dozen {@code ARG B=$A$A$A...} lines would otherwise grow a value
 * exponentially (gigabytes from a few hundred bytes). All the values {@code $VAR} and {@code ${VAR}} insert into one
 * file may add up to at most {@link #MAX_EXPANSION} characters; past that the file is bad input.
 */
public final class DockerfileParser {
  /** Characters variable expansion may insert into one Dockerfile, in total (1 MiB). */
  public static final int MAX_EXPANSION = 1 << 20;
  static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
      "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
  private static final Set<String> EXEC_FORM = Set.of("RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "SHELL", "VOLUME");
  private static final Set<String> COMMAND_FORM = Set.of("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "ONBUILD");
  private static final Set<String> SUBSTITUTES = Set.of("ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL",
      "USER", "VOLUME", "WORKDIR", "ARG");
  /** Platform ARGs BuildKit defines itself: left as written when the file does not set them. */
  private static final Set<String> AUTOMATIC = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
      "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT");
  /** Instructions that take --flags; for the others a leading "--x" is an argument (CMD --help). */
  private static final Set<String> FLAGGED = Set.of("FROM", "RUN", "COPY", "ADD", "HEALTHCHECK");
  private static final Set<String> HEREDOCS = Set.of("RUN", "COPY", "ADD");
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(\\S+)\\s*$");
  private static final Pattern KEYWORD = Pattern.compile("^(\\S+)\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern FLAG = Pattern.compile("^--([A-Za-z][A-Za-z0-9-]*)(?:=(\"[^\"]*\"|\\S*))?\\s*");
  private static final Pattern VAR_EXPR = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(:?)([-+])(.*)$", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEREDOC = Pattern.compile("(?<![<\\w])<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

  private DockerfileParser() {}

  /** Parses {@code text}; {@code fileName} is used in error messages. */
  public static Dockerfile parse(String fileName, String text) {
    return new Run(fileName, text).parse();
  }

  private static final class Run {
    private final String file;
    private final String[] lines;
    private char escape = '\\';
    private int pos;
    /** In FROM, a variable without a value stays as written: it is expected from --build-arg. */
    private boolean keepUnknown;
    /** Characters inserted by variable expansion so far, and the line of the instruction being expanded. */
    private long expanded;
    private int line;

    Run(String file, String text) {
      this.file = file;
      int nul = text.indexOf('\0');
      if (nul >= 0) {
        throw error(1 + (int) text.substring(0, nul).chars().filter(ch -> ch == '\n').count(),
            "binary content (NUL byte), not a Dockerfile");
      }
      this.lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }

    private DrydockException error(int line, String what) {
      return new DrydockException(file + ":" + line + ": " + what);
    }

    Dockerfile parse() {
      readDirectives();
      List<Instruction> globals = new ArrayList<>();
      Map<String, String> globalValues = new HashMap<>();
      List<Stage> stages = new ArrayList<>();
      List<Instruction> current = null;
      String name = null;
      String base = null;
      String platform = null;
      Map<String, String> vars = new HashMap<>();
      while (pos < lines.length) {
        String trimmed = lines[pos].strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          pos++;
          continue;
        }
        int start = pos + 1;
        String logical = readLogical();
        Matcher kw = KEYWORD.matcher(logical.strip());
        if (!kw.matches()) {
          continue; // only a line continuation (a lone escape before the end of the file): nothing to run
        }
        String keyword = kw.group(1).toUpperCase(Locale.ROOT);
        if (!KEYWORDS.contains(keyword)) {
          throw error(start, "unknown instruction " + printable(kw.group(1)));
        }
        String rest = kw.group(2);
        if (current == null && !keyword.equals("FROM") && !keyword.equals("ARG")) {
          throw error(start, keyword + " before the first FROM");
        }
        Map<String, String> env = current == null || keyword.equals("FROM") ? globalValues : vars;
        keepUnknown = keyword.equals("FROM");
        Instruction ins = build(keyword, logical.strip(), rest, start, env);
        if (keyword.equals("FROM")) {
          if (current != null) {
            stages.add(new Stage(name, base, platform, stages.size(), current));
          }
          List<String> a = ins.args();
          if (a.isEmpty()) {
            throw error(start, "FROM without an image");
          }
          base = a.get(0);
          name = a.size() >= 3 && a.get(1).equalsIgnoreCase("AS") ? a.get(2) : null;
          if (a.size() > 1 && name == null) {
            throw error(start, "FROM expects 'image [AS name]'");
          }
          platform = ins.flags().get("platform");
          current = new ArrayList<>();
          current.add(ins);
          vars = new HashMap<>();
        } else if (current == null) {
          globals.add(ins);
          declareArg(ins, globalValues, Map.of());
        } else {
          current.add(ins);
          if (keyword.equals("ARG")) {
            declareArg(ins, vars, globalValues);
          } else if (keyword.equals("ENV")) {
            declareEnv(ins, vars);
          }
        }
      }
      if (current == null) {
        throw error(Math.max(1, lines.length), "no FROM instruction");
      }
      stages.add(new Stage(name, base, platform, stages.size(), current));
      return new Dockerfile(stages, globals);
    }

    private void readDirectives() {
      while (pos < lines.length) {
        Matcher m = DIRECTIVE.matcher(lines[pos].strip());
        if (!m.matches()) {
          return;
        }
        if (m.group(1).equalsIgnoreCase("escape")) {
          String v = m.group(2);
          if (!v.equals("\\") && !v.equals("`")) {
            throw error(pos + 1, "invalid escape character " + v);
          }
          escape = v.charAt(0);
        }
        pos++;
      }
    }

    /** Reads one instruction's lines (continuations joined, comment lines inside dropped) and its heredoc bodies. */
    private String readLogical() {
      StringBuilder sb = new StringBuilder();
      String line = lines[pos++];
      while (true) {
        String r = line.stripTrailing();
        if (!r.isEmpty() && r.charAt(r.length() - 1) == escape) {
          sb.append(r, 0, r.length() - 1);
          while (pos < lines.length && (lines[pos].isBlank() || lines[pos].strip().startsWith("#"))) {
            pos++;
          }
          if (pos >= lines.length) {
            break;
          }
          line = lines[pos++];
        } else {
          sb.append(line);
          break;
        }
      }
      return sb.toString();
    }

    private Instruction build(String keyword, String raw, String rest, int line, Map<String, String> env) {
      this.line = line;
      Map<String, String> flags = new LinkedHashMap<>();
      String body = rest;
      while (true) {
        Matcher f = FLAG.matcher(body);
        if (!FLAGGED.contains(keyword) || !f.find()) {
          break;
        }
        String v = f.group(2) == null ? "" : unquote(f.group(2));
        if (SUBSTITUTES.contains(keyword) || keyword.equals("RUN")) {
          v = substitute(v, env);
        }
        flags.merge(f.group(1), v, (a, b) -> a + "\n" + b);
        body = body.substring(f.end());
      }
      List<String> args = new ArrayList<>();
      boolean json = false;
      if (EXEC_FORM.contains(keyword) && body.strip().startsWith("[")) {
        List<String> parsed = JsonArray.parse(body.strip());
        if (parsed != null) {
          json = true;
          for (String a : parsed) {
            args.add(SUBSTITUTES.contains(keyword) ? substitute(a, env) : a);
          }
        }
      }
      List<Heredoc> heredocs = new ArrayList<>();
      if (!json) {
        if (HEREDOCS.contains(keyword)) {
          Matcher h = HEREDOC.matcher(body);
          while (h.find()) {
            heredocs.add(readHeredoc(h.group(3), !h.group(1).isEmpty(), !h.group(2).isEmpty(), line));
          }
        }
        if (COMMAND_FORM.contains(keyword)) {
          if (!body.isBlank()) {
            args.add(body.strip());
          }
        } else {
          String s = SUBSTITUTES.contains(keyword) ? substitute(body, env) : body;
          args.addAll(words(s));
        }
      }
      return new Instruction(keyword, raw, args, json, flags, line, heredocs);
    }

    private Heredoc readHeredoc(String delimiter, boolean stripTabs, boolean quoted, int line) {
      int first = pos + 1;
      StringBuilder sb = new StringBuilder();
      while (pos < lines.length) {
        String l = lines[pos++];
        String cmp = stripTabs ? l.replaceFirst("^\t+", "") : l;
        if (cmp.equals(delimiter)) {
          return new Heredoc(delimiter, sb.toString(), stripTabs, quoted, first);
        }
        sb.append(cmp).append('\n');
      }
      throw error(line, "unterminated heredoc <<" + delimiter);
    }

    /** Splits on whitespace outside quotes, removing quotes and escape characters. */
    private List<String> words(String s) {
      List<String> out = new ArrayList<>();
      StringBuilder w = new StringBuilder();
      boolean in = false;
      char quote = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else if (c == escape && quote == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
            w.append('"');
            i++;
          } else {
            w.append(c);
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
          in = true;
        } else if (c == escape && escape == '\\' && i + 1 < s.length()) {
          w.append(s.charAt(++i));
          in = true;
        } else if (Character.isWhitespace(c)) {
          if (in) {
            out.add(w.toString());
            w.setLength(0);
            in = false;
          }
        } else {
          w.append(c);
          in = true;
        }
      }
      if (in) {
        out.add(w.toString());
      }
      return out;
    }

    /** Expands $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt}, ${VAR+alt}; not inside single quotes. */
    String substitute(String s, Map<String, String> env) {
      StringBuilder out = new StringBuilder();
      int lastBrace = s.lastIndexOf('}');
      boolean single = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\'') {
          single = !single;
          out.append(c);
        } else if (c == escape && i + 1 < s.length() && s.charAt(i + 1) == '$') {
          out.append(c).append('$');
          i++;
        } else if (c == '$' && !single && i + 1 < s.length()) {
          char n = s.charAt(i + 1);
          if (n == '{') {
            int end = i + 2 <= lastBrace ? s.indexOf('}', i + 2) : -1;
            if (end < 0) {
              out.append(c);
              continue;
            }
            String inner = s.substring(i + 2, end);
            out.append(keep(inner, env) ? s.substring(i, end + 1) : expand(inner, env));
            i = end;
          } else if (Character.isLetter(n) || n == '_') {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
              j++;
            }
            String v = s.substring(i + 1, j);
            out.append(keep(v, env) ? "$" + v : inserted(env.getOrDefault(v, "")));
            i = j - 1;
          } else {
            out.append(c);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private boolean keep(String name, Map<String, String> env) {
      return NAME.matcher(name).matches() && !env.containsKey(name) && (keepUnknown || AUTOMATIC.contains(name));
    }

    private String expand(String expr, Map<String, String> env) {
      Matcher m = VAR_EXPR.matcher(expr);
      if (!m.matches()) {
        return inserted(env.getOrDefault(expr, ""));
      }
      String value = env.get(m.group(1));
      boolean set = m.group(2).isEmpty() ? value != null : value != null && !value.isEmpty();
      if (m.group(3).equals("-") && set) {
        return inserted(value);
      }
      String word = substitute(m.group(4), env);
      if (m.group(3).equals("-")) {
        return word;
      }
      return set ? word : "";
    }

    /** Counts {@code value} against {@link #MAX_EXPANSION} before it is inserted. */
    private String inserted(String value) {
      expanded += value.length();
      if (expanded > MAX_EXPANSION) {
        throw error(line, "variable expansion exceeds " + MAX_EXPANSION
            + " characters (ARG/ENV values that repeat each other: an expansion bomb?)");
      }
      return value;
    }

    private void declareArg(Instruction ins, Map<String, String> vars, Map<String, String> globals) {
      for (String a : ins.args()) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          vars.put(a.substring(0, eq), a.substring(eq + 1));
        } else if (globals.containsKey(a)) {
          vars.put(a, globals.get(a));
        }
      }
    }

    private void declareEnv(Instruction ins, Map<String, String> vars) {
      List<String> a = ins.args();
      if (!a.isEmpty() && a.get(0).indexOf('=') < 0) {
        vars.put(a.get(0), String.join(" ", a.subList(1, a.size())));
        return;
      }
      for (String kv : a) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    }

    /** At most 40 characters, control characters shown as '?', so an error message stays one readable line. */
    private static String printable(String s) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < s.length() && i < 40; i++) {
        char c = s.charAt(i);
        sb.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
      }
      return s.length() > 40 ? sb + "..." : sb.toString();
    }

    private static String unquote(String v) {
      return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
  }
}
