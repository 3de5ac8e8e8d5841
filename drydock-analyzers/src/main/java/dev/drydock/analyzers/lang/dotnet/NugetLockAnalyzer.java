package dev.drydock.analyzers.lang.dotnet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
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
 * not record development-only references, so nothing is dev.
 */
public final class NugetLockAnalyzer implements Analyzer {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "nuget-lock";
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
    return (path.equals("packages.lock.json") || path.endsWith("/packages.lock.json"))
        && !path.contains(".nuget/packages/");
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(file.bytes());
    } catch (JacksonException e) {
      return List.of();
    }
    if (root == null || !root.path("dependencies").isObject()) {
      return List.of();
    }
    Map<String, Package> found = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> framework : root.path("dependencies").properties()) {
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
    for (Package p : found.values()) {
      facts.add(new Fact.PackageFound(file.path(), p));
    }
    return facts;
  }
}
