package dev.drydock.engine;

import dev.drydock.analyzers.lang.java.Sha1Index;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional SHA-1 to Maven coordinates index ({@code <cache-dir>/java-index.sqlite}, imported with
 * {@code drydock db import}). It is applied to the squashed inventory, not inside the analyzer, so that
 * cached layer facts stay a pure function of the layer and a new index needs no rescan.
 */
public final class JavaIndexStore {
  static final String FILE = "java-index.sqlite";

  private JavaIndexStore() {}

  /** Replaces the index with the one in {@code csv}; returns how many artifacts it holds. */
  public static long importIndex(Path csv, Path cacheDir) {
    Path file = cacheDir.resolve(FILE);
    Sha1Index.importFile(csv, file);
    try (Sha1Index index = Sha1Index.open(file)) {
      return index.size();
    }
  }

  /**
   * Maven packages whose coordinates were guessed (no pom.properties) get the indexed coordinates of
   * their SHA-1, with {@code derivation=sha1-index}. Without an index the list is returned unchanged.
   */
  static List<InstalledPackage> apply(List<InstalledPackage> packages, Path cacheDir, OsInfo os) {
    Path file = cacheDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return packages;
    }
    try (Sha1Index index = Sha1Index.open(file)) {
      List<InstalledPackage> out = new ArrayList<>(packages.size());
      for (InstalledPackage ip : packages) {
        Package p = ip.pkg();
        String derivation = p.attribute("derivation");
        String sha1 = p.attribute("sha1");
        Optional<Sha1Index.Coordinates> hit = p.ecosystem() == Ecosystem.MAVEN && sha1 != null
            && !"pom.properties".equals(derivation) ? index.lookup(sha1) : Optional.empty();
        if (hit.isEmpty()) {
          out.add(ip);
          continue;
        }
        Sha1Index.Coordinates c = hit.get();
        Map<String, String> attrs = new HashMap<>(p.attributes());
        attrs.put("derivation", "sha1-index");
        if (derivation != null) {
          attrs.put("derivationBeforeIndex", derivation);
        }
        Package fixed = new Package(p.ecosystem(), c.groupId(), c.artifactId(), c.version(), p.sourceName(),
            p.sourceVersion(), p.arch(), p.licenses(), p.location(), attrs);
        out.add(new InstalledPackage(Purls.of(fixed, os), fixed, ip.layerIndex(), ip.layerDiffId(), ip.createdBy(),
            ip.locations()));
      }
      return out;
    }
  }
}
