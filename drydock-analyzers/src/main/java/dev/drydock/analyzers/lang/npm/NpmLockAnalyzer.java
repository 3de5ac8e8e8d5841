package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * package-lock.json and npm-shrinkwrap.json. Lockfile v2/v3 are read from the {@code packages} map
 * (keys {@code node_modules/a/node_modules/b}); v1 from the nested {@code dependencies} tree. The root
 * project, workspace sources, links and {@code file:} dependencies are not reported. Each name@version
 * is reported once; it is marked {@code dev=true} only when every occurrence is a dev dependency.
 */
public final class NpmLockAnalyzer implements Analyzer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "node_modules/";

  @Override
  public String name() {
    return "npm-lock";
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
    String file = NpmNames.fileName(path);
    return (file.equals("package-lock.json") || file.equals("npm-shrinkwrap.json"))
        && !NpmNames.insideNodeModules(path);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.bytes());
    } catch (JacksonException e) {
      return List.of();
    }
    if (root == null || !root.isObject()) {
      return List.of();
    }
    Map<String, Entry> found = new LinkedHashMap<>();
    JsonNode packages = root.get("packages");
    if (packages != null && packages.isObject()) {
      readPackages(packages, found);
    } else {
      JsonNode deps = root.get("dependencies");
      if (deps != null && deps.isObject()) {
        readV1(deps, found);
      }
    }
    List<Fact> facts = new ArrayList<>(found.size());
    if (packages != null && packages.isObject()) {
      facts.addAll(projects(file.path(), packages));
    }
    for (Entry e : found.values()) {
      Map<String, String> attributes = e.dev ? Map.of("dev", "true") : Map.of();
      facts.add(NpmNames.fact(file.path(), e.name, e.version, e.licenses, attributes));
    }
    return facts;
  }

  /**
   * The project ({@code packages[""]}, {@code project=root}) and its workspace members (entries outside
   * node_modules that a link points to, {@code project=member}), as lock v2/v3 record them.
   */
  private static List<Fact> projects(String location, JsonNode packages) {
    Map<String, String> linkNames = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      int marker = f.getKey().lastIndexOf(MARKER);
      String resolved = text(f.getValue().get("resolved"));
      if (marker >= 0 && f.getValue().path("link").asBoolean(false) && resolved != null) {
        linkNames.put(resolved, f.getKey().substring(marker + MARKER.length()));
      }
    }
    List<Fact> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (!value.isObject() || key.contains(MARKER) || key.startsWith("node_modules/")) {
        continue;
      }
      String name = text(value.get("name"));
      if (name == null) {
        name = linkNames.get(key);
      }
      String version = text(value.get("version"));
      if (name == null || name.isEmpty() || version == null) {
        continue;
      }
      out.add(NpmNames.fact(location, name, version, NpmPackageJsonAnalyzer.licenses(value),
          Map.of("project", key.isEmpty() ? "root" : "member")));
    }
    return out;
  }

  private static void readPackages(JsonNode packages, Map<String, Entry> found) {
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      int marker = key.lastIndexOf(MARKER);
      if (key.isEmpty() || marker < 0 || !value.isObject() || value.path("link").asBoolean(false)) {
        continue;
      }
      String name = text(value.get("name"));
      if (name == null) {
        name = key.substring(marker + MARKER.length());
      }
      String version = text(value.get("version"));
      if (name.isEmpty() || version == null || isLocal(version)) {
        continue;
      }
      List<String> licenses = NpmPackageJsonAnalyzer.licenses(value);
      add(found, name, version, value.path("dev").asBoolean(false), licenses);
    }
  }

  private static void readV1(JsonNode deps, Map<String, Entry> found) {
    for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (!value.isObject()) {
        continue;
      }
      String name = field.getKey();
      String version = text(value.get("version"));
      if (version != null && version.startsWith("npm:")) {
        // alias: "alias": {"version": "npm:real-name@1.2.3"}
        String[] parts = NpmNames.nameAndRest(version.substring(4));
        if (parts != null) {
          name = parts[0];
          version = parts[1];
        }
      }
      if (version != null && !isLocal(version)) {
        add(found, name, version, value.path("dev").asBoolean(false), List.of());
      }
      JsonNode nested = value.get("dependencies");
      if (nested != null && nested.isObject()) {
        readV1(nested, found);
      }
    }
  }

  private static boolean isLocal(String version) {
    return version.startsWith("file:") || version.startsWith("link:");
  }

  private static void add(Map<String, Entry> found, String name, String version, boolean dev, List<String> licenses) {
    Entry existing = found.get(name + "@" + version);
    if (existing == null) {
      found.put(name + "@" + version, new Entry(name, version, dev, licenses));
    } else {
      existing.dev &= dev;
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static final class Entry {
    final String name;
    final String version;
    final List<String> licenses;
    boolean dev;

    Entry(String name, String version, boolean dev, List<String> licenses) {
      this.name = name;
      this.version = version;
      this.dev = dev;
      this.licenses = licenses;
    }
  }
}
