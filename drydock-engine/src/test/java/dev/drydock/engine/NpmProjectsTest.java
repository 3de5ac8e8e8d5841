package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * yarn.lock records no dev flags and neither yarn.lock nor pnpm-lock.yaml names its project: the inventory takes
 * both from the package.json files around the lock file (FIXTURES.md).
 */
class NpmProjectsTest {
  @TempDir Path tmp;

  private static Path fixture(String name) {
    try {
      return Path.of(NpmProjectsTest.class.getResource("/yarn-dev/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ScanResult scanSource(String name) throws IOException {
    Path src = tmp.resolve("src");
    Path from = fixture(name);
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = src.resolve("web").resolve(from.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    return new Scanner().scan(src, ScanOptions.defaults(tmp.resolve("cache")));
  }

  private static List<String> projects(ScanResult r) {
    return r.packages().stream().filter(p -> p.pkg().attribute("project") != null)
        .map(p -> p.pkg().attribute("project") + " " + id(p) + " " + p.pkg().location() + " -> " + p.pkg().dependsOn())
        .sorted().toList();
  }

  private static List<String> dependencies(ScanResult r) {
    return r.packages().stream().filter(p -> p.pkg().attribute("project") == null).map(NpmProjectsTest::id).toList();
  }

  private static List<String> dev(ScanResult r) {
    return r.packages().stream().filter(p -> "true".equals(p.pkg().attribute("dev")))
        .map(NpmProjectsTest::id).sorted().toList();
  }

  private static String id(InstalledPackage p) {
    return p.pkg().name() + "@" + p.pkg().version();
  }

  /** chalk is a dependency and also a dependency of the dev dependency log-symbols: not dev. */
  @Test
  void aPackageSharedByDependenciesAndDevDependenciesIsNotDev() throws IOException {
    ScanResult r = scanSource("shared");
    assertThat(dependencies(r)).containsExactlyInAnyOrder("ansi-styles@4.3.0",
        "chalk@4.1.2", "color-convert@2.0.1", "color-name@1.1.4", "has-flag@4.0.0", "is-unicode-supported@0.1.0",
        "log-symbols@4.1.0", "supports-color@7.2.0");
    assertThat(dev(r)).containsExactly("is-unicode-supported@0.1.0", "log-symbols@4.1.0");
    assertThat(projects(r)).containsExactly("root statement-export@2.3.0 web/package.json -> "
        + "[pkg:npm/chalk@4.1.2, pkg:npm/log-symbols@4.1.0]");
  }

  /** The real yarn 1 and yarn 4 locks: once (devDependency) and wrappy (only once needs it) are dev. */
  @ParameterizedTest
  @ValueSource(strings = {"yarn1", "berry"})
  void realLocksFlagTheDevSubtree(String name) throws IOException {
    ScanResult r = scanSource(name);
    assertThat(dependencies(r)).hasSize(10);
    assertThat(dev(r)).containsExactly("once@1.4.0", "wrappy@1.0.2");
    assertThat(projects(r)).containsExactly("root drydock-fixture-js@1.0.0 web/package.json -> ["
        + "pkg:npm/%40isaacs/string-locale-compare@1.1.0, pkg:npm/debug@2.6.9, pkg:npm/ms@2.1.3, pkg:npm/once@1.4.0, "
        + "pkg:npm/react@18.2.0, pkg:npm/use-sync-external-store@1.2.0]");
  }

  /**
   * A yarn 1 workspace: the one lock file at the root covers the members' manifests too. is-number is only a
   * member's devDependency, once only the root's; debug and both ms versions are reached from dependencies.
   */
  @Test
  void aWorkspaceFlagsTheDevDependenciesOfEveryMemberAndReportsTheMembers() throws IOException {
    ScanResult r = scanSource("workspace");
    assertThat(dependencies(r)).containsExactlyInAnyOrder("debug@2.6.9", "is-number@7.0.0", "ms@2.0.0", "ms@2.1.3",
        "once@1.4.0", "wrappy@1.0.2");
    assertThat(dev(r)).containsExactly("is-number@7.0.0", "once@1.4.0", "wrappy@1.0.2");
    assertThat(projects(r)).containsExactly(
        "member api@1.2.0 web/packages/api/package.json -> [pkg:npm/%40ledger/core@1.2.0, pkg:npm/debug@2.6.9]",
        "member core@1.2.0 web/packages/core/package.json -> [pkg:npm/is-number@7.0.0, pkg:npm/ms@2.1.3]",
        "root ledger-monorepo@0.4.0 web/package.json -> [pkg:npm/once@1.4.0]");
  }

  /** pnpm-lock.yaml records the importers' dependencies but not the project's name: package.json gives it. */
  @Test
  void aPnpmLockGetsItsProjectFromThePackageJsonBesideIt() throws IOException {
    ScanResult r = scanSource("pnpm9");
    assertThat(projects(r)).containsExactly("root drydock-fixture-js@1.0.0 web/package.json -> ["
        + "pkg:npm/%40isaacs/string-locale-compare@1.1.0, pkg:npm/debug@2.6.9, pkg:npm/ms@2.1.3, pkg:npm/once@1.4.0, "
        + "pkg:npm/react@18.2.0, pkg:npm/use-sync-external-store@1.2.0]");
    assertThat(dev(r)).containsExactly("once@1.4.0", "wrappy@1.0.2");
  }

  /** In an image the two files may come from different layers. */
  @Test
  void imageLayersAreResolvedAfterSquashing() throws IOException {
    Path image = ImageBuilder.dockerArchive()
        .layer(l -> l.file("app/package.json", read("shared/package.json")))
        .history("COPY package.json /app/")
        .layer(l -> l.file("app/yarn.lock", read("shared/yarn.lock")))
        .history("COPY yarn.lock /app/")
        .write(tmp.resolve("image.tar"));
    ScanResult r = new Scanner().scan(image, ScanOptions.defaults(tmp.resolve("cache")));
    assertThat(r.packages()).filteredOn(p -> "true".equals(p.pkg().attribute("dev")))
        .extracting(p -> id(p) + " " + p.locations())
        .containsExactlyInAnyOrder("is-unicode-supported@0.1.0 [app/yarn.lock]", "log-symbols@4.1.0 [app/yarn.lock]");
    assertThat(dependencies(r)).hasSize(8);
    assertThat(projects(r)).containsExactly("root statement-export@2.3.0 app/package.json -> "
        + "[pkg:npm/chalk@4.1.2, pkg:npm/log-symbols@4.1.0]");
  }

  private static String read(String file) {
    try {
      return Files.readString(fixture(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
