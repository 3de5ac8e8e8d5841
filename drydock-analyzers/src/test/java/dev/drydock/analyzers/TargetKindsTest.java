package dev.drydock.analyzers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distroless-style root filesystem without etc/os-release is scanned as a directory of kind SOURCE; an
 * image holds lock files of the applications it ships. Both must read installed metadata and lock files.
 */
class TargetKindsTest {
  @TempDir Path root;

  private static Path fixture(String relative) {
    try {
      return Path.of(TargetKindsTest.class.getResource("/fixtures/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void put(String path, String fixture) throws IOException {
    Path target = root.resolve(path);
    Files.createDirectories(target.getParent());
    Files.copy(fixture(fixture), target);
  }

  /** What the analyzers for {@code kind} report over the whole tree, as "ecosystem:name@version". */
  private Set<String> scan(TargetKind kind) throws IOException {
    Set<String> out = new TreeSet<>();
    List<Analyzer> analyzers = Analyzers.forTarget(kind).stream()
        .filter(a -> !a.name().equals("secrets")).toList();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        for (Analyzer a : analyzers) {
          if (a.wants(rel, Files.size(f), 0644)) {
            for (Fact fact : a.analyze(FileInput.ofFile(rel, f, 0644))) {
              if (fact instanceof Fact.PackageFound pf) {
                Package p = pf.pkg();
                out.add(p.ecosystem().purlType() + ":" + (p.namespace() == null ? "" : p.namespace() + "/")
                    + p.name() + "@" + p.version());
              }
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void installedMetadataAndLockFilesAreReadInBothKinds() throws IOException {
    // installed npm packages and a Python distribution, as in a distroless nodejs/python image
    put("app/node_modules/ms/package.json", "npm/image/app/node_modules/ms/package.json");
    put("app/node_modules/debug/package.json", "npm/image/app/node_modules/debug/package.json");
    put("usr/lib/python3.11/site-packages/urllib3-2.7.0.dist-info/METADATA",
        "python/site-packages/urllib3-2.7.0.dist-info/METADATA");
    // the application's lock files shipped in the image
    put("srv/api/Cargo.lock", "rust/rust-audit/Cargo.lock");
    put("srv/web/pnpm-lock.yaml", "npm/pnpm12/pnpm-lock.yaml");
    // another project's lock file inside an installed package, and a cargo cache: not the application's
    put("app/node_modules/debug/package-lock.json", "npm/lock-v3/package-lock.json");
    put("root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/rust-audit-0.1.0/Cargo.lock",
        "rust/rust-audit-info/Cargo.lock");

    Set<String> image = scan(TargetKind.IMAGE);
    Set<String> source = scan(TargetKind.SOURCE);
    assertThat(image).isEqualTo(source);
    assertThat(image).contains("npm:ms@2.1.3", "npm:debug@2.6.9", "pypi:urllib3@2.7.0",
        "cargo:memchr@2.1.2", "cargo:rust-audit@0.1.0", "npm:react@18.2.0", "npm:pnpm@12.0.0-rc.3");
    // nothing from the lock files that are not the application's
    assertThat(image).doesNotContain("cargo:auditable-info@0.8.0", "npm:inherits@2.0.4");
  }
}
