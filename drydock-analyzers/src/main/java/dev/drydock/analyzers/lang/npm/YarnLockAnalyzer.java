package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * yarn.lock, both the classic v1 format (its own indented syntax) and Yarn Berry (2+) YAML, told apart by
 * the {@code __metadata} key. Workspaces, links, portals and {@code file:} entries are not reported; each
 * name@version is reported once. yarn.lock does not record which dependencies are dev-only.
 */
public final class YarnLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "yarn-lock";
  }

  @Override
  public int version() {
    return 1;
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
    if (text.contains("\n__metadata:") || text.startsWith("__metadata:")) {
      if (!readBerry(text, found)) {
        return List.of();
      }
    } else {
      readClassic(text, found);
    }
    List<Fact> facts = new ArrayList<>(found.size());
    for (String[] nv : found.values()) {
      facts.add(NpmNames.fact(file.path(), nv[0], nv[1], List.of(), Map.of()));
    }
    return facts;
  }

  private static boolean readBerry(String text, Map<String, String[]> found) {
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
      found.putIfAbsent(nameAndRef[0] + "@" + version, new String[] {nameAndRef[0], version});
    }
    return true;
  }

  /**
   * Classic format: an unindented header line listing the specifiers ({@code "a@^1.0.0", a@^1.1.0:}),
   * followed by two-space indented fields, among them {@code version "1.2.3"}.
   */
  private static void readClassic(String text, Map<String, String[]> found) {
    String name = null;
    for (String line : text.split("\r?\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!line.startsWith(" ")) {
        name = headerName(line);
      } else if (name != null && line.startsWith("  version ") && !line.startsWith("   ")) {
        String version = unquote(line.substring("  version ".length()).strip());
        if (!version.isEmpty()) {
          found.putIfAbsent(name + "@" + version, new String[] {name, version});
        }
        name = null;
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
