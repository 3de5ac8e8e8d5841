package dev.drydock.analyzers.lang.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * .NET dependency manifests ({@code *.deps.json}, written next to every published .NET Core / .NET 5+
 * application). The {@code libraries} object maps {@code "Name/Version"} to an entry whose {@code type}
 * is {@code package} (a NuGet package), {@code project} (the application and its project references:
 * reported with {@code project=root} for the application, the first library of the runtime target, and
 * {@code project=member} for its project references), {@code runtimepack} (the .NET runtime a self-contained app bundles,
 * key {@code runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8.0.1}: reported as the runtime pack's
 * NuGet package, prefix removed, with {@code runtimepack=true}, so runtime advisories match it) or
 * {@code reference} (an assembly reference: skipped). Reported as ecosystem NUGET, namespace null, with
 * attributes {@code sha512} and {@code path} when present. Edges: each library's {@code dependencies}
 * (name to exact version) in the runtime target (every target when none is named), to the reported libraries.
 */
public final class DepsJsonAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "dotnet-deps";
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
    return path.endsWith(".deps.json") && size <= maxFileSize();
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.tree(file);
    if (root == null || !root.path("libraries").isObject()) {
      return List.of();
    }
    // the application is the first library of the runtime target (the one the host starts)
    String app = null;
    JsonNode target = root.path("targets").path(root.path("runtimeTarget").path("name").asText(""));
    for (Map.Entry<String, JsonNode> t : target.properties()) {
      app = t.getKey();
      break;
    }
    Map<String, Package> byKey = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.path("libraries").properties()) {
      JsonNode lib = e.getValue();
      String type = lib.path("type").asText();
      if (!type.equals("package") && !type.equals("project") && !type.equals("runtimepack")) {
        continue;
      }
      String key = e.getKey();
      int slash = key.indexOf('/');
      if (slash <= 0 || slash == key.length() - 1) {
        continue;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      putText(attrs, "sha512", lib.get("sha512"));
      putText(attrs, "path", lib.get("path"));
      String name = key.substring(0, slash);
      if (type.equals("runtimepack")) {
        attrs.put("runtimepack", "true");
        name = name.startsWith("runtimepack.") ? name.substring("runtimepack.".length()) : name;
      } else if (type.equals("project")) {
        attrs.put("project", key.equals(app) ? "root" : "member");
      }
      String location = file.path();
      Package pkg = new Package(Ecosystem.NUGET, null, name, key.substring(slash + 1),
          null, null, null, List.of(), location, attrs);
      byKey.put(key, pkg);
    }
    Map<String, java.util.Set<String>> edges = new java.util.HashMap<>();
    List<JsonNode> targets = new ArrayList<>();
    if (target.isObject()) {
      targets.add(target);
    } else {
      root.path("targets").forEach(targets::add);
    }
    for (JsonNode t : targets) {
      for (Map.Entry<String, JsonNode> lib : t.properties()) {
        if (!byKey.containsKey(lib.getKey())) {
          continue;
        }
        for (Map.Entry<String, JsonNode> dep : lib.getValue().path("dependencies").properties()) {
          Package to = byKey.get(dep.getKey() + "/" + dep.getValue().asText());
          if (to != null) {
            edges.computeIfAbsent(lib.getKey(), k -> new java.util.TreeSet<>()).add(Purls.of(to, null));
          }
        }
      }
    }
    List<Fact> facts = new ArrayList<>();
    byKey.forEach((key, pkg) -> facts.add(new Fact.PackageFound(pkg.location(),
        pkg.withDependsOn(edges.getOrDefault(key, java.util.Set.of())))));
    return facts;
  }

  private static void putText(Map<String, String> attrs, String key, JsonNode value) {
    if (value != null && value.isTextual() && !value.asText().isEmpty()) {
      attrs.put(key, value.asText());
    }
  }
}
