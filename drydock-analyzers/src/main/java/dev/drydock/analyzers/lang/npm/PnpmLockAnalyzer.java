package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * pnpm-lock.yaml. Package keys by lockfile version: 5.x {@code /name/1.2.3_peer@1.0.0}, 6.0
 * {@code /name@1.2.3(peer@1.0.0)}, 9.0 {@code name@1.2.3} (peer variants under {@code snapshots}).
 * Peer suffixes are dropped and each name@version is reported once. Dev dependencies come from the
 * {@code dev} flag (5.x, 6.0) or, for 9.0, from walking the importers' dependency graph. Every YAML
 * document is read (pnpm 11+ writes an env document first); packages of any document but the last are
 * pnpm's own ({@code packageManager=true}) and dev. Edges: each entry's {@code dependencies} and
 * {@code optionalDependencies} (5.x, 6.0: the {@code packages} entry; 9.0: every {@code snapshots} variant of
 * the package), resolved to the packages of the same document; {@code link:} dependencies and names with no
 * entry give no edge. The project (importer {@code .}) is not a package of the lock: its own edges are not
 * carried.
 */
public final class PnpmLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "pnpm-lock";
  }

  @Override
  public int version() {
    return 4;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return NpmNames.fileName(path).equals("pnpm-lock.yaml") && !NpmNames.insideNodeModules(path);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    // pnpm 11+ may write an "env" document (config dependencies, the pinned pnpm and its binaries) before
    // the project's document; the project's document is always the last one (https://pnpm.io/lockfile).
    List<JsonNode> documents = NpmYaml.readAll(file.bytes(), MAX_DOCUMENTS);
    Map<String, String[]> found = new LinkedHashMap<>();
    Map<String, Boolean> dev = new LinkedHashMap<>();
    Map<String, Boolean> packageManager = new LinkedHashMap<>();
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    for (int i = 0; i < documents.size(); i++) {
      boolean env = i < documents.size() - 1;
      readDocument(documents.get(i), env, found, dev, packageManager, edges);
    }
    List<Fact> facts = new ArrayList<>();
    for (Map.Entry<String, String[]> e : found.entrySet()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      if (dev.get(e.getKey())) {
        attributes.put("dev", "true");
      }
      if (packageManager.get(e.getKey())) {
        attributes.put("packageManager", "true");
      }
      Fact.PackageFound f = NpmNames.fact(file.path(), e.getValue()[0], e.getValue()[1], List.of(), attributes);
      facts.add(new Fact.PackageFound(f.path(), f.pkg().withDependsOn(edges.getOrDefault(e.getKey(), Set.of()))));
    }
    return facts;
  }

  private static final int MAX_DOCUMENTS = 16;

  /** Adds one document's packages; an env document's packages are pnpm's own tooling, so dev. */
  private static void readDocument(JsonNode root, boolean env, Map<String, String[]> found,
      Map<String, Boolean> dev, Map<String, Boolean> packageManager, Map<String, Set<String>> edges) {
    if (root == null || !root.isObject()) {
      return;
    }
    JsonNode packages = root.get("packages");
    if (packages == null || !packages.isObject()) {
      return;
    }
    boolean v5 = root.path("lockfileVersion").asText("").startsWith("5");
    Set<String> prodKeys = root.has("snapshots") ? reachableFromProd(root) : null;
    // normalised packages key -> name@version, and the key's entry holding its dependencies (5.x/6.0)
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      String[] nv = parseKey(field.getKey(), v5);
      String name = value.hasNonNull("name") ? value.get("name").asText() : nv == null ? null : nv[0];
      String version = value.hasNonNull("version") ? value.get("version").asText() : nv == null ? null : nv[1];
      if (name == null || version == null || name.isEmpty() || version.isEmpty()) {
        continue;
      }
      boolean isDev;
      if (env) {
        isDev = true;
      } else if (prodKeys != null) {
        isDev = !prodKeys.contains(stripPeers(stripSlash(field.getKey())));
      } else {
        isDev = value.path("dev").isBoolean() && value.path("dev").asBoolean();
      }
      String id = name + "@" + version;
      for (String k : keyForms(field.getKey(), v5)) {
        byKey.putIfAbsent(k, id);
      }
      found.putIfAbsent(id, new String[] {name, version});
      dev.merge(id, isDev, Boolean::logicalAnd);
      packageManager.merge(id, env, Boolean::logicalAnd);
    }
    // 5.x/6.0 list an entry's dependencies in packages; 9.0 in each snapshot (one per peer variant)
    JsonNode withDeps = root.has("snapshots") ? root.path("snapshots") : packages;
    for (Iterator<Map.Entry<String, JsonNode>> it = withDeps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String from = resolve(byKey, List.of(field.getKey()), v5);
      if (from == null) {
        continue;
      }
      Set<String> out = edges.computeIfAbsent(from, k -> new TreeSet<>());
      for (String section : List.of("dependencies", "optionalDependencies")) {
        for (Iterator<Map.Entry<String, JsonNode>> deps = field.getValue().path(section).fields(); deps.hasNext(); ) {
          Map.Entry<String, JsonNode> dep = deps.next();
          JsonNode v = dep.getValue();
          String ref = v.isObject() ? v.path("version").asText("") : v.asText("");
          if (ref.isEmpty() || ref.startsWith("link:")) {
            continue;
          }
          // an alias or a non-registry package names its whole key; a registry version is keyed with the name
          String to = resolve(byKey, List.of(dep.getKey() + "@" + ref, dep.getKey() + "/" + ref, ref), v5);
          if (to != null) {
            String[] t = found.get(to);
            out.add(NpmNames.purl(t[0], t[1]));
          }
        }
      }
    }
  }

  /** The forms a packages or snapshots key is looked up by: without leading slash, peer suffix (5.x: "_…"). */
  private static List<String> keyForms(String key, boolean v5) {
    String k = stripSlash(key);
    String forms = stripPeers(k);
    if (v5) {
      int underscore = forms.indexOf('_');
      if (underscore > 0) {
        forms = forms.substring(0, underscore);
      }
    }
    return k.equals(forms) ? List.of(k) : List.of(k, forms);
  }

  /** The name@version the first of the candidate keys that is a package stands for; null when none is. */
  private static String resolve(Map<String, String> byKey, List<String> candidates, boolean v5) {
    for (String candidate : candidates) {
      for (String k : keyForms(candidate, v5)) {
        String id = byKey.get(k);
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  /** Name and version from a packages key, peer suffix removed; null when the key has neither form. */
  static String[] parseKey(String key, boolean v5) {
    String k = stripSlash(key);
    if (v5) {
      int underscore = k.indexOf('_');
      if (underscore > 0) {
        k = k.substring(0, underscore);
      }
      int slash = k.lastIndexOf('/');
      if (slash > 0 && slash < k.length() - 1) {
        return new String[] {k.substring(0, slash), k.substring(slash + 1)};
      }
      return null;
    }
    return NpmNames.nameAndRest(stripPeers(k));
  }

  private static String stripSlash(String key) {
    return key.startsWith("/") ? key.substring(1) : key;
  }

  private static String stripPeers(String key) {
    int paren = key.indexOf('(');
    return paren > 0 ? key.substring(0, paren) : key;
  }

  /** Keys (without peer suffix) of the snapshots reachable from any importer's prod/optional dependencies. */
  private static Set<String> reachableFromProd(JsonNode root) {
    JsonNode snapshots = root.path("snapshots");
    Deque<String> todo = new ArrayDeque<>();
    JsonNode importers = root.path("importers");
    for (JsonNode importer : importers) {
      enqueue(importer.path("dependencies"), todo);
      enqueue(importer.path("optionalDependencies"), todo);
    }
    Set<String> seen = new HashSet<>();
    Set<String> prod = new HashSet<>();
    while (!todo.isEmpty()) {
      String key = todo.pop();
      if (!seen.add(key)) {
        continue;
      }
      prod.add(stripPeers(key));
      JsonNode snapshot = snapshots.path(key);
      enqueue(snapshot.path("dependencies"), todo);
      enqueue(snapshot.path("optionalDependencies"), todo);
    }
    return prod;
  }

  private static boolean isSpecifier(String version) {
    return version.startsWith("file:") || version.startsWith("http:") || version.startsWith("https:")
        || version.startsWith("git+") || version.startsWith("git:") || version.startsWith("github:")
        || version.contains("://");
  }

  private static void enqueue(JsonNode deps, Deque<String> todo) {
    for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> dep = it.next();
      JsonNode v = dep.getValue();
      String version = v.isObject() ? v.path("version").asText("") : v.asText("");
      if (version.isEmpty() || version.startsWith("link:")) {
        continue;
      }
      // a registry version ("1.0.0") or a specifier (tarball URL, file:, git) keys the snapshot as
      // "name@version"; an alias carries the whole key ("real-name@1.0.0") instead
      boolean plainVersion = Character.isDigit(version.charAt(0)) || isSpecifier(version);
      todo.push(plainVersion ? dep.getKey() + "@" + version : version);
    }
  }
}
