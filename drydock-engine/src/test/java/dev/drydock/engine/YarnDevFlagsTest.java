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

/** yarn.lock records no dev flags: the inventory takes them from the package.json beside it (FIXTURES.md). */
class YarnDevFlagsTest {
  @TempDir Path tmp;

  private static Path fixture(String name) {
    try {
      return Path.of(YarnDevFlagsTest.class.getResource("/yarn-dev/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ScanResult scanSource(String name) throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("web"));
    for (String file : List.of("package.json", "yarn.lock")) {
      Files.copy(fixture(name).resolve(file), src.resolve("web").resolve(file));
    }
    return new Scanner().scan(src, ScanOptions.defaults(tmp.resolve("cache")));
  }

  private static List<String> dev(ScanResult r) {
    return r.packages().stream().filter(p -> "true".equals(p.pkg().attribute("dev")))
        .map(YarnDevFlagsTest::id).sorted().toList();
  }

  private static String id(InstalledPackage p) {
    return p.pkg().name() + "@" + p.pkg().version();
  }

  /** chalk is a dependency and also a dependency of the dev dependency log-symbols: not dev. */
  @Test
  void aPackageSharedByDependenciesAndDevDependenciesIsNotDev() throws IOException {
    ScanResult r = scanSource("shared");
    assertThat(r.packages()).extracting(YarnDevFlagsTest::id).containsExactlyInAnyOrder("ansi-styles@4.3.0",
        "chalk@4.1.2", "color-convert@2.0.1", "color-name@1.1.4", "has-flag@4.0.0", "is-unicode-supported@0.1.0",
        "log-symbols@4.1.0", "supports-color@7.2.0");
    assertThat(dev(r)).containsExactly("is-unicode-supported@0.1.0", "log-symbols@4.1.0");
  }

  /** The real yarn 1 and yarn 4 locks: once (devDependency) and wrappy (only once needs it) are dev. */
  @ParameterizedTest
  @ValueSource(strings = {"yarn1", "berry"})
  void realLocksFlagTheDevSubtree(String name) throws IOException {
    ScanResult r = scanSource(name);
    assertThat(r.packages()).hasSize(10);
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
    assertThat(r.packages()).hasSize(8);
  }

  private static String read(String file) {
    try {
      return Files.readString(fixture(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
