package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.JsonInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installed npm packages: {@code node_modules/<name>/package.json} and
 * {@code node_modules/@scope/<name>/package.json} at any depth. The application's own package.json and
 * package.json files in a package's subdirectories are not packages and are ignored.
 */
public final class NpmPackageJsonAnalyzer implements Analyzer {
  private static final String MARKER = "node_modules/";
  private static final String SUFFIX = "/package.json";

  @Override
  public String name() {
    return "npm-package-json";
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
    if (!path.endsWith(SUFFIX)) {
      return false;
    }
    int marker = path.lastIndexOf(MARKER);
    if (marker < 0 || (marker > 0 && path.charAt(marker - 1) != '/')) {
      return false;
    }
    int start = marker + MARKER.length();
    int end = path.length() - SUFFIX.length();
    if (end <= start) {
      return false; // node_modules/package.json
    }
    String dir = path.substring(start, end);
    int slash = dir.indexOf('/');
    if (dir.startsWith("@")) {
      return slash > 1 && slash < dir.length() - 1 && dir.indexOf('/', slash + 1) < 0;
    }
    return slash < 0 && !dir.startsWith(".");
  }

  @Override
  public long maxFileSize() {
    return 4L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root = JsonInput.object(file);
    if (root == null) {
      return List.of();
    }
    String name = text(root.get("name"));
    String version = text(root.get("version"));
    if (name == null || name.isBlank() || version == null || version.isBlank()) {
      return List.of();
    }
    return List.of(NpmNames.fact(file.path(), name, version, licenses(root), Map.of()));
  }

  /** {@code license} as a string or legacy {@code {type, url}} object; legacy {@code licenses} array. */
  static List<String> licenses(JsonNode root) {
    List<String> out = new ArrayList<>();
    addLicense(out, root.get("license"));
    JsonNode many = root.get("licenses");
    if (many != null && many.isArray()) {
      many.forEach(l -> addLicense(out, l));
    } else {
      addLicense(out, many);
    }
    return out;
  }

  private static void addLicense(List<String> out, JsonNode node) {
    if (node == null) {
      return;
    }
    String value = node.isObject() ? text(node.get("type")) : text(node);
    if (value != null && !value.isBlank() && !out.contains(value.strip())) {
      out.add(value.strip());
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
