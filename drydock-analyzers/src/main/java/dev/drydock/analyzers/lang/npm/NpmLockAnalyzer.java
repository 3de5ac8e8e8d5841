package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
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
 * Dependency edges ({@code dependencies}, {@code optionalDependencies}, {@code peerDependencies}; v1:
 * {@code requires}) are resolved the way Node finds a module: in the package's own {@code node_modules},
 * then in each enclosing one; links are followed. The project's entry depends on its direct dependencies.
 */
public final class NpmLockAnalyzer implements Analyzer {
  private static final String MARKER = "node_modules/";

  @Override
  public String name() {
    return "npm-lock";
  }

  @Override
  public int version() {
    return 3;
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
    JsonNode root = JsonInput.object(file);
    if (root == null) {
      return List.of();
    }
    Map<String, Entry> found = new LinkedHashMap<>();
    JsonNode packages = root.get("packages");
    if (packages != null && packages.isObject()) {
      readPackages(packages, found);
    } else {
      JsonNode deps = root.get("dependencies");
      if (deps != null && deps.isObject()) {
        readV1(deps, new ArrayList<>(List.of(deps)), found);
      }
    }
    List<Fact> facts = new ArrayList<>(found.size());
    if (packages != null && packages.isObject()) {
      facts.addAll(projects(file.path(), packages));
    }
    for (Entry e : found.values()) {
      Map<String, String> attributes = e.dev ? Map.of("dev", "true") : Map.of();
      Fact.PackageFound f = NpmNames.fact(file.path(), e.name, e.version, e.licenses, attributes);
      facts.add(new Fact.PackageFound(f.path(), f.pkg().withDependsOn(e.dependsOn)));
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
      Fact.PackageFound project = NpmNames.fact(location, name, version, NpmPackageJsonAnalyzer.licenses(value),
          Map.of("project", key.isEmpty() ? "root" : "member"));
      out.add(new Fact.PackageFound(location, project.pkg().withDependsOn(edges(packages, key, value, true))));
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
      add(found, name, version, value.path("dev").asBoolean(false), licenses)
          .dependsOn.addAll(edges(packages, key, value, false));
    }
  }

  /** The purls the entry at {@code key} depends on, each resolved as Node resolves a require from there. */
  private static Set<String> edges(JsonNode packages, String key, JsonNode value, boolean project) {
    Set<String> out = new java.util.TreeSet<>();
    List<String> fields = project
        ? List.of("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
        : List.of("dependencies", "optionalDependencies", "peerDependencies");
    for (String field : fields) {
      JsonNode deps = value.get(field);
      if (deps == null || !deps.isObject()) {
        continue;
      }
      for (Iterator<String> names = deps.fieldNames(); names.hasNext(); ) {
        String purl = resolve(packages, key, names.next());
        if (purl != null) {
          out.add(purl);
        }
      }
    }
    if (project) {
      // workspace members (directories relative to the project) are its children too
      for (JsonNode dir : value.path("workspaces")) {
        JsonNode member = packages.get(dir.asText());
        String version = member == null ? null : text(member.get("version"));
        String name = member == null ? null : text(member.get("name"));
        for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); name == null && it.hasNext(); ) {
          Map.Entry<String, JsonNode> link = it.next(); // the member's name is the link's folder
          int marker = link.getKey().lastIndexOf(MARKER);
          if (marker >= 0 && dir.asText().equals(text(link.getValue().get("resolved")))) {
            name = link.getKey().substring(marker + MARKER.length());
          }
        }
        if (name != null && version != null) {
          out.add(NpmNames.purl(name, version));
        }
      }
    }
    return out;
  }

  /**
   * Node's lookup: {@code <dir>/node_modules/<dep>} for the entry's directory and each enclosing package
   * directory up to the root; a link entry is followed to its target. Null when not installed (an optional
   * dependency for another platform, a peer nobody provides) or local.
   */
  private static String resolve(JsonNode packages, String from, String dep) {
    String dir = from;
    while (true) {
      String candidate = (dir.isEmpty() ? "" : dir + "/") + MARKER + dep;
      JsonNode target = packages.get(candidate);
      if (target != null && target.isObject()) {
        if (target.path("link").asBoolean(false)) {
          // a workspace member (reported with project=member) or a file: link
          String resolved = text(target.get("resolved"));
          target = resolved == null ? null : packages.get(resolved);
          if (target == null || !target.isObject()) {
            return null;
          }
        }
        String version = text(target.get("version"));
        if (version == null || isLocal(version)) {
          return null;
        }
        String name = text(target.get("name"));
        return NpmNames.purl(name == null ? dep : name, version);
      }
      if (dir.isEmpty()) {
        return null;
      }
      int marker = dir.lastIndexOf(MARKER);
      if (marker < 0) {
        dir = ""; // a workspace member's directory: its parent is the root
      } else {
        dir = marker == 0 ? "" : dir.substring(0, marker - 1);
      }
    }
  }

  /**
   * v1: {@code scopes} holds the {@code dependencies} objects enclosing {@code deps} (outermost first, deps
   * last); a {@code requires} entry resolves to the innermost scope holding that name.
   */
  private static void readV1(JsonNode deps, List<JsonNode> scopes, Map<String, Entry> found) {
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
      JsonNode nested = value.get("dependencies");
      if (version != null && !isLocal(version)) {
        Entry e = add(found, name, version, value.path("dev").asBoolean(false), List.of());
        JsonNode requires = value.get("requires");
        if (requires != null && requires.isObject()) {
          for (Iterator<String> names = requires.fieldNames(); names.hasNext(); ) {
            String purl = resolveV1(scopes, nested, names.next());
            if (purl != null) {
              e.dependsOn.add(purl);
            }
          }
        }
      }
      if (nested != null && nested.isObject()) {
        scopes.add(nested);
        readV1(nested, scopes, found);
        scopes.remove(scopes.size() - 1);
      }
    }
  }

  private static String resolveV1(List<JsonNode> scopes, JsonNode own, String dep) {
    JsonNode hit = own != null && own.isObject() ? own.get(dep) : null;
    for (int i = scopes.size() - 1; hit == null && i >= 0; i--) {
      hit = scopes.get(i).get(dep);
    }
    if (hit == null || !hit.isObject()) {
      return null;
    }
    String name = dep;
    String version = text(hit.get("version"));
    if (version != null && version.startsWith("npm:")) {
      String[] parts = NpmNames.nameAndRest(version.substring(4));
      if (parts != null) {
        name = parts[0];
        version = parts[1];
      }
    }
    return version == null || isLocal(version) ? null : NpmNames.purl(name, version);
  }

  private static boolean isLocal(String version) {
    return version.startsWith("file:") || version.startsWith("link:");
  }

  private static Entry add(Map<String, Entry> found, String name, String version, boolean dev,
      List<String> licenses) {
    Entry existing = found.get(name + "@" + version);
    if (existing == null) {
      Entry e = new Entry(name, version, dev, licenses);
      found.put(name + "@" + version, e);
      return e;
    }
    existing.dev &= dev;
    return existing;
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private static final class Entry {
    final String name;
    final String version;
    final List<String> licenses;
    final Set<String> dependsOn = new java.util.TreeSet<>();
    boolean dev;

    Entry(String name, String version, boolean dev, List<String> licenses) {
      this.name = name;
      this.version = version;
      this.dev = dev;
      this.licenses = licenses;
    }
  }
}
