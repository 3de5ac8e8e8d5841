package dev.drydock.analyzers.lang.python;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installed Python distributions: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO},
 * {@code EGG-INFO/PKG-INFO} inside .egg directories, and {@code *.egg-info} written as a single file.
 * The core metadata is RFC 822 style headers; the body (description) after the first blank line is ignored.
 */
public final class PythonInstalledAnalyzer implements Analyzer {
  private static final String CLASSIFIER_PREFIX = "License :: ";

  @Override
  public String name() {
    return "python-installed";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith("/EGG-INFO/PKG-INFO") || path.endsWith(".egg-info");
  }

  @Override
  public long maxFileSize() {
    return 16L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    Map<String, List<String>> headers = CoreMetadata.parse(new String(file.bytes(), StandardCharsets.UTF_8));
    String name = CoreMetadata.first(headers, "name");
    String version = CoreMetadata.first(headers, "version");
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      return List.of();
    }
    Package pkg = new Package(Ecosystem.PYPI, null, name.strip(), version.strip(), null, null, null,
        licenses(headers), file.path(), Map.of());
    return List.of(new Fact.PackageFound(file.path(), pkg));
  }

  /**
   * License-Expression (PEP 639) wins; else a short one-line License field; else the names from
   * {@code License :: ...} classifiers.
   */
  static List<String> licenses(Map<String, List<String>> headers) {
    String expression = CoreMetadata.first(headers, "license-expression");
    if (expression != null && !expression.isBlank()) {
      return List.of(expression.strip());
    }
    String license = CoreMetadata.first(headers, "license");
    if (license != null) {
      license = license.strip();
      if (!license.isEmpty() && !license.equalsIgnoreCase("UNKNOWN") && license.indexOf('\n') < 0
          && license.length() <= 100) {
        return List.of(license);
      }
    }
    List<String> out = new ArrayList<>();
    for (String classifier : headers.getOrDefault("classifier", List.of())) {
      if (classifier.startsWith(CLASSIFIER_PREFIX)) {
        String last = classifier.substring(classifier.lastIndexOf("::") + 2).strip();
        if (!last.isEmpty() && !out.contains(last)) {
          out.add(last);
        }
      }
    }
    return out;
  }
}
