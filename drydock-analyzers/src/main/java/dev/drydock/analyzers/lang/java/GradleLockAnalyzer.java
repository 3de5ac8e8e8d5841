package dev.drydock.analyzers.lang.java;

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
 * Gradle dependency lock files (https://docs.gradle.org/current/userguide/dependency_locking.html):
 * {@code gradle.lockfile} and the {@code buildscript-gradle.lockfile} / {@code settings-gradle.lockfile}
 * of the build's own classpath. One {@code group:artifact:version=conf1,conf2} line per module; the
 * {@code empty=} line and comments are not modules.
 *
 * <p>Dev: a module whose every configuration is a test one (name containing "test", any case) or an
 * annotation processor path; every module of a buildscript or settings lock file (build tooling).
 * The configurations are kept in the {@code configurations} attribute.
 */
public final class GradleLockAnalyzer implements Analyzer {

  @Override
  public String name() {
    return "gradle-lock";
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
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.equals("gradle.lockfile") || file.endsWith("-gradle.lockfile");
  }

  @Override
  public long maxFileSize() {
    return 16L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String path = file.path();
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    boolean tooling = !fileName.equals("gradle.lockfile");
    List<Fact> facts = new ArrayList<>();
    for (String raw : file.text().split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String module = eq < 0 ? line : line.substring(0, eq);
      String configurations = eq < 0 ? "" : line.substring(eq + 1).replace(" ", "");
      String[] gav = module.split(":");
      if (gav.length != 3 || gav[0].isEmpty() || gav[1].isEmpty() || gav[2].isEmpty()) {
        continue; // "empty=..." and anything else that is not group:artifact:version
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      if (!configurations.isEmpty()) {
        attrs.put("configurations", configurations);
      }
      if (tooling || devOnly(configurations)) {
        attrs.put("dev", "true");
      }
      Package pkg = new Package(Ecosystem.MAVEN, gav[0], gav[1], gav[2], null, null, null, List.of(), path, attrs);
      facts.add(new Fact.PackageFound(path, pkg));
    }
    return facts;
  }

  private static boolean devOnly(String configurations) {
    if (configurations.isEmpty()) {
      return false;
    }
    for (String c : configurations.split(",")) {
      String lower = c.toLowerCase(Locale.ROOT);
      if (!lower.contains("test") && !lower.contains("annotationprocessor") && !lower.equals("kapt")) {
        return false;
      }
    }
    return true;
  }
}
