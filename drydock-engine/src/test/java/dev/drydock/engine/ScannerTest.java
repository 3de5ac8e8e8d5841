package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.Analyzers;
import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  @TempDir Path tmp;

  private static final String OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";

  private static String stanza(String name, String version) {
    return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version
        + "\nDescription: " + name + "\n";
  }

  private static String status(String... stanzas) {
    return String.join("\n", stanzas);
  }

  private static String packageJson(String name, String version) {
    return "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"license\":\"MIT\"}";
  }

  /** Base image: Debian with libc6 + curl, then a layer that adds openssl and an npm tree. */
  private static ImageBuilder base() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE)
            .file("var/lib/dpkg/status", status(stanza("libc6", "2.36-9+deb12u4"), stanza("curl", "7.88.1-10+deb12u5"))))
        .history("ADD rootfs.tar /")
        .emptyHistory("CMD [\"bash\"]")
        .layer(l -> l.file("var/lib/dpkg/status", status(stanza("libc6", "2.36-9+deb12u4"),
                stanza("curl", "7.88.1-10+deb12u5"), stanza("openssl", "3.0.11-1~deb12u2")))
            .file("app/node_modules/lodash/package.json", packageJson("lodash", "4.17.15"))
            .file("app/node_modules/minimist/package.json", packageJson("minimist", "1.2.0"))
            .file("app/vendor/left-pad/node_modules/left-pad/package.json", packageJson("left-pad", "1.3.0")))
        .history("RUN apt-get install -y openssl && npm ci");
  }

  private ScanResult scan(Path image) {
    return new Scanner().scan(image, ScanOptions.defaults(tmp.resolve("cache")));
  }

  private static List<String> names(ScanResult r) {
    return r.packages().stream().map(p -> p.pkg().name() + "@" + p.pkg().version()).toList();
  }

  @Test
  void packagesCarryTheLayerAndCommandThatIntroducedThem() throws IOException {
    ImageBuilder img = base();
    ScanResult r = scan(img.write(tmp.resolve("base.tar")));
    assertThat(r.os().family()).isEqualTo("debian");
    assertThat(r.os().versionId()).isEqualTo("12");
    assertThat(r.target().kind()).isEqualTo("docker-archive");
    InstalledPackage openssl = r.packages().stream().filter(p -> p.pkg().name().equals("openssl")).findFirst().orElseThrow();
    assertThat(openssl.layerDiffId()).isEqualTo(img.diffId(1));
    assertThat(openssl.createdBy()).isEqualTo("RUN apt-get install -y openssl && npm ci");
    assertThat(openssl.purl()).isEqualTo("pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12");
    InstalledPackage libc = r.packages().stream().filter(p -> p.pkg().name().equals("libc6")).findFirst().orElseThrow();
    assertThat(libc.layerDiffId()).isEqualTo(img.diffId(0));
    assertThat(libc.createdBy()).isEqualTo("ADD rootfs.tar /");
  }

  @Test
  void whiteoutsRemovePackagesAndOpaqueDirectoriesHideLowerContent() throws IOException {
    ImageBuilder img = base()
        .layer(l -> l.whiteout("app/node_modules/lodash")
            .file("var/lib/dpkg/status", status(stanza("libc6", "2.36-9+deb12u4"), stanza("openssl", "3.0.11-1~deb12u2")))
            .opaque("app/vendor")
            .file("app/vendor/is-odd/node_modules/is-odd/package.json", packageJson("is-odd", "3.0.1")))
        .history("RUN apt-get purge -y curl && rm -rf app/node_modules/lodash app/vendor/*");
    ScanResult r = scan(img.write(tmp.resolve("cleaned.tar")));
    assertThat(names(r)).containsExactly("libc6@2.36-9+deb12u4", "openssl@3.0.11-1~deb12u2", "is-odd@3.0.1",
        "minimist@1.2.0");
  }

  @Test
  void aFileTwiceInOneLayerCountsOnlyAsItsLastCopyAsAnUnpackWould() throws IOException {
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE)
            .file("var/lib/dpkg/status", status(stanza("libc6", "2.36-9+deb12u4"), stanza("curl", "7.88.1-10+deb12u5")))
            .file("app/node_modules/lodash/package.json", packageJson("lodash", "4.17.15"))
            .file("var/lib/dpkg/status", status(stanza("libc6", "2.36-9+deb12u4")))
            .file("app/node_modules/lodash/package.json", packageJson("lodash", "4.17.21")))
        .history("ADD rootfs.tar /");
    ScanResult r = scan(img.write(tmp.resolve("twice.tar")));
    assertThat(names(r)).containsExactlyInAnyOrder("libc6@2.36-9+deb12u4", "lodash@4.17.21");
  }

  @Test
  void secondScanReadsNoLayerAndAnImageOnTopReadsOnlyItsNewLayer() throws IOException {
    Path first = base().write(tmp.resolve("base.tar"));
    ScanResult cold = scan(first);
    assertThat(cold.stats().layersAnalysed()).isEqualTo(2);
    assertThat(cold.stats().layersFromCache()).isZero();
    assertThat(cold.layers()).extracting(LayerInfo::cached).containsExactly(false, false);

    ScanResult warm = scan(first);
    assertThat(warm.stats().layersAnalysed()).isZero();
    assertThat(warm.stats().layersFromCache()).isEqualTo(2);
    assertThat(warm.stats().bytesRead()).isZero();
    assertThat(warm.layers()).allSatisfy(l -> {
      assertThat(l.cached()).isTrue();
      assertThat(l.analyzers().values()).containsOnly("cache");
    });
    assertThat(warm.packages()).isEqualTo(cold.packages());

    ImageBuilder child = base().layer(l -> l.file("srv/node_modules/express/package.json", packageJson("express", "4.17.1")))
        .history("COPY srv /srv");
    ScanResult childScan = scan(child.write(tmp.resolve("child.tar")));
    assertThat(child.diffId(0)).isEqualTo(cold.layers().get(0).diffId());
    assertThat(childScan.stats().layersAnalysed()).isEqualTo(1);
    assertThat(childScan.stats().layersFromCache()).isEqualTo(2);
    assertThat(childScan.layers()).extracting(LayerInfo::cached).containsExactly(true, true, false);
    assertThat(names(childScan)).contains("express@4.17.1", "openssl@3.0.11-1~deb12u2");
  }

  @Test
  void bumpingOneAnalyzersVersionRerunsOnlyThatAnalyzer() throws IOException {
    Path image = base().write(tmp.resolve("base.tar"));
    Path cache = tmp.resolve("cache");
    List<Analyzer> v1 = Analyzers.forTarget(TargetKind.IMAGE);
    new Scanner(v1, List.of()).scan(image, ScanOptions.defaults(cache));

    List<Analyzer> bumped = new ArrayList<>();
    for (Analyzer a : v1) {
      bumped.add(a.name().equals("dpkg") ? new Bumped(a) : a);
    }
    ScanResult r = new Scanner(bumped, List.of()).scan(image, ScanOptions.defaults(cache));
    for (LayerInfo layer : r.layers()) {
      assertThat(layer.cached()).isFalse();
      layer.analyzers().forEach((name, status) ->
          assertThat(status).as(name).isEqualTo(name.startsWith("dpkg@") ? "analysed" : "cache"));
    }
    assertThat(r.layers().get(0).analyzers()).containsKey("dpkg@" + (v1.stream()
        .filter(a -> a.name().equals("dpkg")).findFirst().orElseThrow().version() + 1000));
    ScanResult again = new Scanner(bumped, List.of()).scan(image, ScanOptions.defaults(cache));
    assertThat(again.stats().layersFromCache()).isEqualTo(2);
  }

  @Test
  void tamperedLayerIsRejectedAndNothingIsCached() throws IOException {
    ImageBuilder img = base().tamperLayer(1, bytes -> {
      byte[] copy = bytes.clone();
      copy[600] ^= 1;
      return copy;
    });
    Path image = img.write(tmp.resolve("tampered.tar"));
    assertThatThrownBy(() -> scan(image))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("layer 1")
        .hasMessageContaining("tampered.tar")
        .hasMessageContaining("mismatch");
    // the untampered image with the same diffIDs must still analyse layer 1: nothing was cached for it
    ScanResult clean = scan(base().write(tmp.resolve("clean.tar")));
    assertThat(clean.layers().get(1).cached()).isFalse();
  }

  @Test
  void nothingIsWrittenOutsideTheCacheDirectory() throws IOException {
    Path image = base().gzipOuter().write(tmp.resolve("base.tar.gz"));
    Path cache = tmp.resolve("cache");
    Set<Path> before = listing(tmp);
    scan(image);
    Set<Path> after = listing(tmp);
    after.removeAll(before);
    assertThat(after).allSatisfy(p -> assertThat(p).startsWith(cache));
    assertThat(listing(cache.resolve("tmp"))).allSatisfy(p -> assertThat(p.getFileName().toString()).startsWith("sqlite-"));
  }

  @Test
  void sourceDirectoryRunsLockFileAnalyzersOnly() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("crate"));
    Files.writeString(src.resolve("crate/Cargo.lock"), "version = 3\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.188\"\n"
        + "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    Files.writeString(src.resolve("README.md"), "hello\n");
    ScanResult r = scan(src);
    assertThat(r.target().kind()).isEqualTo("source");
    assertThat(r.os()).isNull();
    assertThat(r.packages()).extracting(p -> p.pkg().ecosystem() + ":" + p.pkg().name() + "@" + p.pkg().version())
        .containsExactly(Ecosystem.CARGO + ":serde@1.0.188");
    assertThat(r.packages().get(0).locations()).containsExactly("crate/Cargo.lock");
  }

  @Test
  void symlinkOutOfTheRootOrInALoopIsBadInputNamingLayerAndPath() throws IOException {
    Path escaping = base().layer(l -> l.symlink("app/config", "../../../etc/shadow")).history("RUN ln -s")
        .write(tmp.resolve("escape.tar"));
    assertThatThrownBy(() -> scan(escaping))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("layer 2 (sha256:")
        .hasMessageContaining("escape.tar: symlink app/config -> ../../../etc/shadow points outside the image root");
    Path loop = base().layer(l -> l.symlink("a/x", "../b/y").symlink("b/y", "/a/x")).history("RUN ln -s")
        .write(tmp.resolve("loop.tar"));
    assertThatThrownBy(() -> scan(loop)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("symlink a/x -> ../b/y is a symlink loop");
  }

  private static Set<Path> listing(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return new java.util.HashSet<>();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return new java.util.HashSet<>(s.filter(Files::isRegularFile).toList());
    }
  }

  /** The same analyzer with its version bumped by 1000. */
  private record Bumped(Analyzer a) implements Analyzer {
    @Override public String name() { return a.name(); }
    @Override public int version() { return a.version() + 1000; }
    @Override public Set<TargetKind> targets() { return a.targets(); }
    @Override public boolean wants(String path, long size, int mode) { return a.wants(path, size, mode); }
    @Override public List<Fact> analyze(FileInput file) throws IOException { return a.analyze(file); }
  }

  /**
   * Issue 18: a dpkg status field past {@code ControlStanzas.MAX_FIELD} (1 MiB) is a reported skip of that file: one
   * warning naming layer, path and line; the scan goes on and the other layer's packages are kept.
   */
  @Test
  void aDpkgFieldPastItsBoundIsAReportedSkip() throws IOException {
    String huge = "Package: big\nStatus: install ok installed\nVersion: 1\nDescription: " + "x".repeat(2 << 20) + "\n";
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE)
            .file("app/node_modules/lodash/package.json", packageJson("lodash", "4.17.15")))
        .history("ADD rootfs.tar /")
        .layer(l -> l.file("var/lib/dpkg/status", huge))
        .history("RUN apt-get install big");
    ScanResult r = scan(img.write(tmp.resolve("huge-field.tar")));
    assertThat(names(r)).containsExactly("lodash@4.17.15");
    assertThat(r.warnings()).filteredOn(w -> w.contains("var/lib/dpkg/status")).singleElement().asString()
        .contains(img.diffId(1).substring(0, 12))
        .endsWith(": var/lib/dpkg/status: dpkg could not read it: line 4: field Description is longer than 1048576"
            + " characters");
  }
}
