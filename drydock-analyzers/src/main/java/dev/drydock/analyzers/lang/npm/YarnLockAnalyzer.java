package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * yarn.lock, both the classic v1 format (its own indented syntax) and Yarn Berry (2+) YAML, told apart by
 * the {@code __metadata} key. Workspaces, links, portals and {@code file:} entries are not reported; each
 * name@version is reported once. Each package depends on the entries its {@code dependencies} and
 * {@code optionalDependencies} resolve to (looked up by {@code name@range} among the entries' specifiers;
 * Berry peer dependencies name a range, not an entry, and give no edge). yarn.lock does not record which
 * dependencies are dev-only: the inventory decides that from the package.json beside it.
 */
public final class YarnLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "yarn-lock";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return NpmNames.fileName(path).equals("yarn.lock") && !NpmNames.insideNodeModules(path);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String text = file.text();
    Map<String, String[]> found = new LinkedHashMap<>();
    Map<String, String> bySpecifier = new HashMap<>();
    Map<String, List<String>> requires = new HashMap<>();
    if (text.contains("\n__metadata:") || text.startsWith("__metadata:")) {
      if (!readBerry(text, found, bySpecifier, requires)) {
        return List.of();
      }
    } else {
      readClassic(text, found, bySpecifier, requires);
    }
    List<Fact> facts = new ArrayList<>(found.size());
    for (Map.Entry<String, String[]> e : found.entrySet()) {
      String[] nv = e.getValue();
      Set<String> edges = new TreeSet<>();
      for (String specifier : requires.getOrDefault(e.getKey(), List.of())) {
        String target = bySpecifier.get(specifier);
        if (target != null && found.containsKey(target)) {
          String[] t = found.get(target);
          edges.add(NpmNames.purl(t[0], t[1]));
        }
      }
      Fact.PackageFound f = NpmNames.fact(file.path(), nv[0], nv[1], List.of(), Map.of());
      facts.add(new Fact.PackageFound(f.path(), f.pkg().withDependsOn(edges)));
    }
    return facts;
  }

  /** Splits a header or key ({@code "a@^1, a@^1.1"}) into its unquoted specifiers. */
  private static List<String> specifiers(String header) {
    List<String> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String spec = unquote(part.strip());
      if (!spec.isEmpty()) {
        out.add(spec);
      }
    }
    return out;
  }

  private static boolean readBerry(String text, Map<String, String[]> found, Map<String, String> bySpecifier,
      Map<String, List<String>> requires) {
    JsonNode root = NpmYaml.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (root == null || !root.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (field.getKey().equals("__metadata") || !value.isObject()) {
        continue;
      }
      String resolution = value.path("resolution").asText("");
      String version = value.path("version").asText("");
      String[] nameAndRef = NpmNames.nameAndRest(resolution);
      if (nameAndRef == null || version.isEmpty() || "soft".equals(value.path("linkType").asText())) {
        continue;
      }
      String ref = nameAndRef[1];
      if (ref.startsWith("workspace:") || ref.startsWith("link:") || ref.startsWith("portal:")
          || ref.startsWith("file:")) {
        continue;
      }
      String id = nameAndRef[0] + "@" + version;
      found.putIfAbsent(id, new String[] {nameAndRef[0], version});
      for (String spec : specifiers(field.getKey())) {
        bySpecifier.put(spec, id);
      }
      for (String group : List.of("dependencies", "optionalDependencies")) {
        for (Iterator<Map.Entry<String, JsonNode>> deps = value.path(group).fields(); deps.hasNext(); ) {
          Map.Entry<String, JsonNode> dep = deps.next();
          requires.computeIfAbsent(id, k -> new ArrayList<>()).add(dep.getKey() + "@" + dep.getValue().asText());
        }
      }
    }
    return true;
  }

  /**
   * Classic format: an unindented header line listing the specifiers ({@code "a@^1.0.0", a@^1.1.0:}),
   * followed by two-space indented fields, among them {@code version "1.2.3"}.
   */
  private static void readClassic(String text, Map<String, String[]> found, Map<String, String> bySpecifier,
      Map<String, List<String>> requires) {
    String name = null;
    List<String> specs = List.of();
    String id = null;
    boolean inDeps = false;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!line.startsWith(" ")) {
        name = headerName(line);
        String header = line.strip();
        specs = name == null || !header.endsWith(":") ? List.of() : specifiers(header.substring(0, header.length() - 1));
        id = null;
        inDeps = false;
      } else if (!line.startsWith("   ")) {
        inDeps = id != null && (line.equals("  dependencies:") || line.equals("  optionalDependencies:"));
        if (name != null && line.startsWith("  version ")) {
          String version = unquote(line.substring("  version ".length()).strip());
          if (!version.isEmpty()) {
            id = name + "@" + version;
            found.putIfAbsent(id, new String[] {name, version});
            for (String spec : specs) {
              bySpecifier.put(spec, id);
            }
          }
          name = null;
        }
      } else if (inDeps && line.startsWith("    ") && !line.startsWith("     ")) {
        String dep = line.strip();
        String depName;
        String range;
        if (dep.startsWith("\"")) {
          int close = dep.indexOf('"', 1);
          if (close < 0) {
            continue;
          }
          depName = dep.substring(1, close);
          range = dep.substring(close + 1).strip();
        } else {
          int space = dep.indexOf(' ');
          if (space < 0) {
            continue;
          }
          depName = dep.substring(0, space);
          range = dep.substring(space + 1).strip();
        }
        requires.computeIfAbsent(id, k -> new ArrayList<>()).add(depName + "@" + unquote(range));
      }
    }
  }

  /** The package name of a header line, or null for local (file:/link:) entries and garbage. */
  private static String headerName(String line) {
    String header = line.strip();
    if (!header.endsWith(":")) {
      return null;
    }
    header = header.substring(0, header.length() - 1);
    int comma = header.indexOf(", ");
    String first = unquote((comma > 0 ? header.substring(0, comma) : header).strip());
    String[] parts = NpmNames.nameAndRest(first);
    if (parts == null) {
      return null;
    }
    String range = parts[1];
    if (range.startsWith("npm:")) {
      // alias "alias@npm:real@^1.0.0": the installed package is "real"
      String[] real = NpmNames.nameAndRest(range.substring(4));
      return real == null ? null : real[0];
    }
    if (range.startsWith("file:") || range.startsWith("link:")) {
      return null;
    }
    return parts[0];
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
