package dev.drydock.analyzers.lang.java;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;

/** What one archive says about itself: its pom.properties files, manifest and class packages. */
final class ArchiveContents {
  /** One {@code META-INF/maven/<g>/<a>/pom.properties}. */
  record PomProperties(String entry, String groupId, String artifactId, String version) {}

  final List<PomProperties> pomProperties = new ArrayList<>();
  Attributes manifest = new Attributes();
  /** Class count per package prefix of at most three segments ("org.springframework.core"). */
  final Map<String, Integer> packagePrefixes = new HashMap<>();
  /** Whether the archive itself holds log4j's JNDI lookup class (removed as the Log4Shell mitigation). */
  boolean log4jJndiLookup;

  String manifestValue(String name) {
    String v = manifest.getValue(name);
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  /** Counts a {@code .class} entry under its package prefix; ignores classes in the default package. */
  void countClass(String entryName) {
    String name = entryName;
    for (String prefix : new String[] {"BOOT-INF/classes/", "WEB-INF/classes/"}) {
      if (name.startsWith(prefix)) {
        return; // application classes of a fat jar or war say nothing about the archive's group
      }
    }
    if (name.startsWith("META-INF/versions/")) {
      int slash = name.indexOf('/', "META-INF/versions/".length());
      if (slash < 0) {
        return;
      }
      name = name.substring(slash + 1);
    }
    int lastSlash = name.lastIndexOf('/');
    if (lastSlash <= 0 || name.startsWith("META-INF/")) {
      return;
    }
    String[] parts = name.substring(0, lastSlash).split("/");
    int n = Math.min(3, parts.length);
    String prefix = String.join(".", java.util.Arrays.copyOf(parts, n));
    packagePrefixes.merge(prefix, 1, Integer::sum);
  }

  /** The package prefix holding the most classes; ties broken by name for stable output. */
  String dominantPackagePrefix() {
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : packagePrefixes.entrySet()) {
      int c = e.getValue();
      if (c > bestCount || (c == bestCount && best != null && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }
}
