package dev.drydock.analyzers.lang.php;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns Composer package objects (as in composer.lock and installed.json) into facts. */
final class ComposerPackages {
  private ComposerPackages() {}

  /** Adds a fact per package object in {@code array} that has a name and a version. */
  static void read(JsonNode array, String location, boolean dev, Set<String> devNames, List<Fact> out) {
    if (array == null || !array.isArray()) {
      return;
    }
    for (JsonNode p : array) {
      String fullName = p.path("name").asText("");
      String version = p.path("version").asText("");
      int slash = fullName.indexOf('/');
      if (fullName.isEmpty() || version.isEmpty() || slash == 0 || slash == fullName.length() - 1) {
        continue;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      if (dev || devNames.contains(fullName)) {
        attributes.put("dev", "true");
      }
      String namespace = slash > 0 ? fullName.substring(0, slash) : null;
      String name = slash > 0 ? fullName.substring(slash + 1) : fullName;
      Package pkg = new Package(Ecosystem.COMPOSER, namespace, name, version, null, null, null,
          licenses(p.get("license")), location, attributes);
      out.add(new Fact.PackageFound(location, pkg));
    }
  }

  private static List<String> licenses(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode l : node) {
        if (l.isTextual() && !l.asText().isBlank()) {
          out.add(l.asText().strip());
        }
      }
    } else if (node.isTextual() && !node.asText().isBlank()) {
      out.add(node.asText().strip());
    }
    return out;
  }
}
