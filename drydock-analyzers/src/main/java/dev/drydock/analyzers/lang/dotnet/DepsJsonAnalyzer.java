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
 * attributes {@code sha512} and {@code path} when present.
 */
public final class DepsJsonAnalyzer implements Analyzer {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "dotnet-deps";
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
    return path.endsWith(".deps.json") && size <= maxFileSize();
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
    List<Fact> facts = new ArrayList<>();
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
      facts.add(new Fact.PackageFound(location, pkg));
    }
    return facts;
  }

  private static void putText(Map<String, String> attrs, String key, JsonNode value) {
    if (value != null && value.isTextual() && !value.asText().isEmpty()) {
      attrs.put(key, value.asText());
    }
  }
}
