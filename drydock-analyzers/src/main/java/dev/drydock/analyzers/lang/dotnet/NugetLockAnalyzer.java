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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NuGet lock files ({@code packages.lock.json}, written when a project sets
 * {@code RestorePackagesWithLockFile}): per target framework (and runtime), package name to an entry of
 * {@code type} Direct, Transitive, CentralTransitive or Project. Every entry with a {@code resolved}
 * version is reported once (ecosystem NUGET, {@code direct=true} for Direct ones); Project entries are
 * the solution's own projects and carry no version, so they are not packages here. NuGet lock files do
 * not record development-only references, so nothing is dev. Edges: an entry's {@code dependencies} (name to
 * the lowest version accepted) resolve to the entry of that name in the same framework section.
 */
public final class NugetLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "nuget-lock";
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
    return (path.equals("packages.lock.json") || path.endsWith("/packages.lock.json"))
        && !path.contains(".nuget/packages/");
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.tree(file);
    if (root == null || !root.path("dependencies").isObject()) {
      return List.of();
    }
    Map<String, Package> found = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> edges = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> framework : root.path("dependencies").properties()) {
      Map<String, String> resolvedByName = new java.util.HashMap<>();
      for (Map.Entry<String, JsonNode> dep : framework.getValue().properties()) {
        String version = dep.getValue().path("resolved").asText("");
        if (!version.isEmpty() && !dep.getValue().path("type").asText("").equalsIgnoreCase("Project")) {
          resolvedByName.put(dep.getKey().toLowerCase(Locale.ROOT), Purls.of(new Package(Ecosystem.NUGET, null,
              dep.getKey(), version, null, null, null, List.of(), null, Map.of()), null));
        }
      }
      for (Map.Entry<String, JsonNode> dep : framework.getValue().properties()) {
        String from = dep.getKey().toLowerCase(Locale.ROOT) + "@"
            + dep.getValue().path("resolved").asText("").toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JsonNode> to : dep.getValue().path("dependencies").properties()) {
          String purl = resolvedByName.get(to.getKey().toLowerCase(Locale.ROOT));
          if (purl != null) {
            edges.computeIfAbsent(from, k -> new java.util.TreeSet<>()).add(purl);
          }
        }
      }
      for (Map.Entry<String, JsonNode> dep : framework.getValue().properties()) {
        JsonNode entry = dep.getValue();
        String type = entry.path("type").asText("");
        String version = entry.path("resolved").asText("");
        if (type.equalsIgnoreCase("Project") || version.isEmpty() || dep.getKey().isEmpty()) {
          continue;
        }
        String key = dep.getKey().toLowerCase(Locale.ROOT) + "@" + version.toLowerCase(Locale.ROOT);
        boolean direct = type.equalsIgnoreCase("Direct");
        Package existing = found.get(key);
        if (existing != null && (existing.attribute("direct") != null || !direct)) {
          continue;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        if (direct) {
          attrs.put("direct", "true");
        }
        String hash = entry.path("contentHash").asText("");
        if (!hash.isEmpty()) {
          attrs.put("contentHash", hash);
        }
        found.put(key, new Package(Ecosystem.NUGET, null, dep.getKey(), version, null, null, null, List.of(),
            file.path(), attrs));
      }
    }
    List<Fact> facts = new ArrayList<>();
    found.forEach((key, p) -> facts.add(new Fact.PackageFound(file.path(),
        p.withDependsOn(edges.getOrDefault(key, java.util.Set.of())))));
    return facts;
  }
}
