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
 * {@code EGG-INFO/PKG-INFO} inside .egg directories and zipped {@code .egg} files, and {@code *.egg-info}
 * written as a single file. An egg-info without a Version is reported with version null
 * ({@code versionUnresolved}); CPython's own {@code Python-X.Y.egg-info} is not a package.
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
    return 2;
  }

  @Override
  public Set<TargetKind> targets() {
    return Set.of(TargetKind.IMAGE, TargetKind.SOURCE);
  }

  @Override
  public boolean wants(String path, long size, int mode) {
    return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith("/EGG-INFO/PKG-INFO") || path.endsWith(".egg-info") || path.endsWith(".egg");
  }

  /** CPython's own {@code lib-dynload/Python-3.8.egg-info} (distutils' install_egg_info of the interpreter). */
  private static final java.util.regex.Pattern INTERPRETER_EGG_INFO =
      java.util.regex.Pattern.compile("(?:.*/)?Python-\\d+(?:\\.\\d+)*(?:-py\\d+(?:\\.\\d+)*)?\\.egg-info");

  /** Largest EGG-INFO/PKG-INFO read from a zipped egg. */
  private static final int MAX_PKG_INFO = 1024 * 1024;

  @Override
  public long maxFileSize() {
    return 16L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    String path = file.path();
    byte[] metadata = path.endsWith(".egg") ? zippedPkgInfo(file) : file.bytes();
    if (metadata == null) {
      return List.of();
    }
    Map<String, List<String>> headers = CoreMetadata.parse(new String(metadata, StandardCharsets.UTF_8));
    String name = CoreMetadata.first(headers, "name");
    String version = CoreMetadata.first(headers, "version");
    if (name == null || name.isBlank()) {
      return List.of();
    }
    boolean eggInfo = !path.endsWith("/METADATA");
    if (eggInfo && name.strip().equals("Python") && INTERPRETER_EGG_INFO.matcher(path).matches()) {
      return List.of(); // the interpreter itself, which its OS package or binary already reports
    }
    Map<String, String> attrs = Map.of();
    if (version == null || version.isBlank()) {
      if (!eggInfo) {
        return List.of(); // a dist-info without Version is broken: the core metadata spec requires it
      }
      version = null;
      attrs = Map.of("versionUnresolved", "no Version in PKG-INFO");
    }
    Package pkg = new Package(Ecosystem.PYPI, null, name.strip(), version == null ? null : version.strip(), null,
        null, null, licenses(headers), path, attrs);
    return List.of(new Fact.PackageFound(path, pkg));
  }

  /** EGG-INFO/PKG-INFO of a zipped .egg; null when the file is not a zip or has none. */
  private static byte[] zippedPkgInfo(FileInput file) {
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(file.open())) {
      for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("EGG-INFO/PKG-INFO")) {
          byte[] bytes = zip.readNBytes(MAX_PKG_INFO + 1);
          return bytes.length > MAX_PKG_INFO ? null : bytes;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // not a zip after all, or corrupt
    }
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
