package dev.drydock.analyzers.lang.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Cargo.lock} files of all formats (v1 without a version key and with checksums in
 * {@code [metadata]}, v2/v3 with inline {@code checksum}, v4). Reports every {@code [[package]]}:
 * those with a {@code source} (registry, git) with it as recorded (e.g.
 * {@code registry+https://github.com/rust-lang/crates.io-index}) and {@code checksum} when known; those
 * without one are the root crate, workspace members or path dependencies (the project's own code, told
 * apart only by Cargo.toml) and carry {@code local=true}. Edges: each package's {@code dependencies}
 * ({@code name}, {@code name version} or {@code name version (source)}) to the package they name.
 */
public final class CargoLockAnalyzer implements Analyzer {

  private static final TomlMapper TOML = new TomlMapper();

  @Override
  public String name() {
    return "cargo-lock";
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
    // crates in cargo's registry/git caches and `cargo vendor` copies carry their own development locks
    return (path.equals("Cargo.lock") || path.endsWith("/Cargo.lock")) && size <= maxFileSize()
        && !path.contains(".cargo/registry/") && !path.contains(".cargo/git/") && !path.startsWith("vendor/")
        && !path.contains("/vendor/");
  }

  @Override
  public long maxFileSize() {
    return 32L * 1024 * 1024;
  }

  @Override
  public List<Fact> analyze(FileInput file) throws IOException {
    JsonNode root;
    try {
      root = TOML.readTree(file.bytes());
    } catch (JacksonException e) {
      return List.of(); // not valid TOML: nothing to report
    }
    if (root == null || !root.path("package").isArray()) {
      return List.of();
    }
    Map<String, String> v1Checksums = v1Checksums(root.path("metadata"));
    Map<String, List<JsonNode>> byName = new HashMap<>();
    for (JsonNode p : root.path("package")) {
      if (text(p, "name") != null && text(p, "version") != null) {
        byName.computeIfAbsent(text(p, "name"), k -> new ArrayList<>()).add(p);
      }
    }
    List<Fact> facts = new ArrayList<>();
    for (JsonNode p : root.path("package")) {
      String name = text(p, "name");
      String version = text(p, "version");
      String source = text(p, "source");
      if (name == null || version == null) {
        continue;
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      if (source == null) {
        attrs.put("local", "true");
        attrs.put("project", "member"); // which one is the root crate only Cargo.toml says
        Package local = new Package(Ecosystem.CARGO, null, name, version, null, null, null, List.of(), file.path(),
            attrs);
        facts.add(new Fact.PackageFound(file.path(), local.withDependsOn(edges(p, byName))));
        continue;
      }
      attrs.put("source", source);
      String checksum = text(p, "checksum");
      if (checksum == null) {
        checksum = v1Checksums.get(name + " " + version + " (" + source + ")");
      }
      if (checksum != null && !checksum.startsWith("<none>")) {
        attrs.put("checksum", checksum);
      }
      Package pkg = new Package(Ecosystem.CARGO, null, name, version, null, null, null, List.of(), file.path(), attrs);
      facts.add(new Fact.PackageFound(file.path(), pkg.withDependsOn(edges(p, byName))));
    }
    return facts;
  }

  /** The purls of the packages {@code p}'s dependencies name (an ambiguous or unknown one gives none). */
  private static java.util.Set<String> edges(JsonNode p, Map<String, List<JsonNode>> byName) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (JsonNode dep : p.path("dependencies")) {
      String[] f = dep.asText("").split(" ", 3);
      List<JsonNode> match = new ArrayList<>();
      for (JsonNode q : byName.getOrDefault(f[0], List.of())) {
        String source = text(q, "source");
        if ((f.length < 2 || f[1].equals(text(q, "version")))
            && (f.length < 3 || f[2].equals("(" + (source == null ? "" : source) + ")"))) {
          match.add(q);
        }
      }
      if (match.size() == 1) {
        out.add(Purls.of(Package.of(Ecosystem.CARGO, null, f[0], text(match.get(0), "version"), null), null));
      }
    }
    return out;
  }

  /** v1 keeps checksums as {@code "checksum NAME VERSION (SOURCE)" = "HEX"} in {@code [metadata]}. */
  private static Map<String, String> v1Checksums(JsonNode metadata) {
    Map<String, String> sums = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : metadata.properties()) {
      if (e.getKey().startsWith("checksum ") && e.getValue().isTextual()) {
        sums.put(e.getKey().substring("checksum ".length()), e.getValue().asText());
      }
    }
    return sums;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }
}
