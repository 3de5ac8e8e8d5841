package dev.drydock.analyzers.lang.php;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * composer.lock: {@code packages} and {@code packages-dev} (marked {@code dev=true}). A version tag
 * like {@code v1.2.3} is reported as written (Composer's and Packagist's own notation); the Composer version
 * scheme compares it normalised ({@code v1.2.3} equals {@code 1.2.3}). Edges: each package's {@code require}
 * names that are packages of the lock (not {@code php}, {@code ext-*} and other platform requirements).
 */
public final class ComposerLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "composer-lock";
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
    return (path.equals("composer.lock") || path.endsWith("/composer.lock")) && !path.startsWith("vendor/") && !path.contains("/vendor/");
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.object(file);
    if (root == null) {
      return List.of();
    }
    List<Fact> facts = new ArrayList<>();
    ComposerPackages.read(root.get("packages"), file.path(), false, Set.of(), facts);
    ComposerPackages.read(root.get("packages-dev"), file.path(), true, Set.of(), facts);
    java.util.Map<String, String> purlOf = new java.util.HashMap<>();
    for (Fact f : facts) {
      Package p = ((Fact.PackageFound) f).pkg();
      purlOf.put(p.namespace() == null ? p.name() : p.namespace() + "/" + p.name(), Purls.of(p, null));
    }
    java.util.Map<String, java.util.Set<String>> edges = new java.util.HashMap<>();
    for (String array : List.of("packages", "packages-dev")) {
      for (JsonNode p : root.path(array)) {
        for (java.util.Iterator<String> it = p.path("require").fieldNames(); it.hasNext(); ) {
          String to = purlOf.get(it.next());
          String from = purlOf.get(p.path("name").asText(""));
          if (to != null && from != null) {
            edges.computeIfAbsent(from, k -> new java.util.TreeSet<>()).add(to);
          }
        }
      }
    }
    List<Fact> out = new ArrayList<>(facts.size());
    for (Fact f : facts) {
      Package p = ((Fact.PackageFound) f).pkg();
      out.add(new Fact.PackageFound(f.path(), p.withDependsOn(edges.getOrDefault(Purls.of(p, null), Set.of()))));
    }
    return out;
  }
}
