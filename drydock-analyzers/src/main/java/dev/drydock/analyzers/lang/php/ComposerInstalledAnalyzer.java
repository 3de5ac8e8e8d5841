package dev.drydock.analyzers.lang.php;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Packages installed by Composer: {@code vendor/composer/installed.json}, a bare array (Composer 1) or
 * {@code {"packages": [...], "dev-package-names": [...]}} (Composer 2, which marks dev packages).
 */
public final class ComposerInstalledAnalyzer implements Analyzer {
  private static final String SUFFIX = "vendor/composer/installed.json";

  @Override
  public String name() {
    return "composer-installed";
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
    return path.equals(SUFFIX) || path.endsWith("/" + SUFFIX);
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.tree(file);
    List<Fact> facts = new ArrayList<>();
    if (root != null && root.isArray()) {
      ComposerPackages.read(root, file.path(), false, Set.of(), facts);
    } else if (root != null && root.isObject()) {
      Set<String> devNames = new HashSet<>();
      root.path("dev-package-names").forEach(n -> devNames.add(n.asText()));
      ComposerPackages.read(root.get("packages"), file.path(), false, devNames, facts);
    }
    return facts;
  }
}
