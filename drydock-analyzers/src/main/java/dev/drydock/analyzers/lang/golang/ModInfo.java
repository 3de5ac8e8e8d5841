package dev.drydock.analyzers.lang.golang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module text that {@code go build} embeds (what {@code go version -m} prints): tab-separated lines
 * {@code path}, {@code mod}, {@code dep}, {@code =>} (replaces the module on the line before) and
 * {@code build key=value}. The text is framed by two 16-byte sentinels, which are stripped.
 *
 * @param path the main package path; null if absent
 * @param main the main module; null in GOPATH mode
 * @param deps dependency modules in binary order, replacements applied
 * @param settings build settings (values unquoted)
 */
record ModInfo(String path, Module main, List<Module> deps, Map<String, String> settings) {

  /**
   * One module. When a {@code =>} line replaced it, {@code path}/{@code version}/{@code sum} are the
   * replacement's and {@code replaces} holds the original "path version".
   */
  record Module(String path, String version, String sum, String replaces) {}

  private static final int SENTINEL = 16;

  /** Parses the text as stored in the binary (with sentinels). Unknown lines are ignored. */
  static ModInfo parse(String raw) {
    String text = stripSentinels(raw);
    String path = null;
    Module main = null;
    List<Module> deps = new ArrayList<>();
    Map<String, String> settings = new LinkedHashMap<>();
    boolean lastWasMain = false;
    for (String line : text.split("\n")) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "path" -> {
          if (f.length >= 2) {
            path = f[1];
          }
        }
        case "mod" -> {
          if (f.length >= 2 && !f[1].isEmpty()) {
            main = new Module(f[1], field(f, 2), field(f, 3), null);
            lastWasMain = true;
          }
        }
        case "dep" -> {
          if (f.length >= 2 && !f[1].isEmpty()) {
            deps.add(new Module(f[1], field(f, 2), field(f, 3), null));
            lastWasMain = false;
          }
        }
        case "=>" -> {
          if (f.length >= 2 && !f[1].isEmpty()) {
            if (!lastWasMain && !deps.isEmpty()) {
              Module old = deps.remove(deps.size() - 1);
              deps.add(replace(old, f));
            } else if (lastWasMain && main != null) {
              main = replace(main, f);
            }
          }
        }
        case "build" -> {
          if (f.length >= 2) {
            String setting = String.join("\t", java.util.Arrays.copyOfRange(f, 1, f.length));
            int eq = keyEnd(setting);
            if (eq > 0) {
              settings.put(unquote(setting.substring(0, eq)), unquote(setting.substring(eq + 1)));
            }
          }
        }
        default -> { }
      }
    }
    return new ModInfo(path, main, List.copyOf(deps), Map.copyOf(settings));
  }

  private static Module replace(Module old, String[] f) {
    String replaces = old.version() == null ? old.path() : old.path() + " " + old.version();
    return new Module(f[1], field(f, 2), field(f, 3), replaces);
  }

  private static String field(String[] f, int i) {
    return i < f.length && !f[i].isEmpty() ? f[i] : null;
  }

  /** The text between the sentinels; unframed text is accepted only if it starts like module text. */
  static String stripSentinels(String raw) {
    if (raw.length() >= 2 * SENTINEL + 1 && raw.charAt(raw.length() - SENTINEL - 1) == '\n') {
      return raw.substring(SENTINEL, raw.length() - SENTINEL);
    }
    return raw.startsWith("path\t") || raw.startsWith("mod\t") ? raw : "";
  }

  /** Position of the '=' separating key and value; a quoted key may contain '='. */
  private static int keyEnd(String setting) {
    if (setting.startsWith("\"")) {
      int close = closingQuote(setting);
      return close > 0 && close + 1 < setting.length() && setting.charAt(close + 1) == '=' ? close + 1 : -1;
    }
    return setting.indexOf('=');
  }

  private static int closingQuote(String s) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** Undoes Go's quoting of keys and values that contain spaces, tabs, quotes or '='. */
  static String unquote(String s) {
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return s;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() - 1) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          default -> out.append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
