package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.daemon.Daemons;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.model.targets.ScanTarget.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images read from Debian's real dockerd, podman system service and containerd (issue 12's done-when): each is
 * started with its own state and socket, the demo image is loaded with {@code docker load}, {@code podman load}
 * and {@code ctr images import}, and the engine's scan of {@code docker:}, {@code podman:} and
 * {@code containerd:drydock/demo-app:1.0} gives the packages the scan of examples/demo-app.tar gives.
 */
class DaemonScanIT {
  static final Path DEMO = Path.of("../examples/demo-app.tar").toAbsolutePath().normalize();
  static final ImageReference DEMO_REF = ImageReference.parse("drydock/demo-app:1.0");
  static LocalDaemons daemons;
  static ScanResult archive;

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path cache) throws Exception {
    daemons = new LocalDaemons();
    daemons.startDocker();
    daemons.startPodman();
    daemons.startContainerd();
    LocalDaemons.run(List.of(LocalDaemons.program("docker").toString(), "-H", "unix://" + daemons.dockerSocket,
        "load", "-i", DEMO.toString()));
    LocalDaemons.run(daemons.podman("load", "-i", DEMO.toString()));
    LocalDaemons.run(daemons.podman("tag", "drydock/demo-app:1.0", "drydock/podman-only:1.0"));
    LocalDaemons.run(List.of(LocalDaemons.program("ctr").toString(), "--address",
        daemons.containerdSocket.toString(), "images", "import", DEMO.toString()));
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      archive = drydock.inventory(new ScanTarget.ArchiveFile(DEMO), true);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemons != null) {
      daemons.close();
    }
  }

  private ScanResult scan(Path cache, Daemon daemon, ImageReference ref) {
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      return drydock.inventory(new ScanTarget.DaemonImage(daemon, ref), true);
    }
  }

  private static void assertSameInventoryAsTheArchive(ScanResult r, String kind) {
    assertThat(r.target().kind()).isEqualTo(kind);
    assertThat(r.target().name()).isEqualTo(kind + ":docker.io/drydock/demo-app:1.0");
    assertThat(r.target().configDigest()).isEqualTo(archive.target().configDigest());
    assertThat(r.packages()).hasSize(archive.packages().size()).isNotEmpty();
    assertThat(r.packages()).containsExactlyElementsOf(archive.packages());
    assertThat(r.os()).isEqualTo(archive.os());
    assertThat(r.layers()).extracting(l -> l.diffId())
        .containsExactlyElementsOf(archive.layers().stream().map(l -> l.diffId()).toList());
    assertThat(r.secrets()).extracting(s -> s.ruleId() + " " + s.path() + ":" + s.line())
        .containsExactlyElementsOf(archive.secrets().stream().map(s -> s.ruleId() + " " + s.path() + ":" + s.line())
            .toList());
  }

  private static void assertNoScratchLeft(Path cache) throws Exception {
    Path tmp = cache.resolve("tmp");
    if (Files.exists(tmp)) {
      try (Stream<Path> s = Files.walk(tmp)) {
        assertThat(s.filter(Files::isRegularFile).toList()).as("scratch files left in the cache").isEmpty();
      }
    }
  }

  @Test
  void dockerGivesTheArchiveInventoryAndARescanExportsNothing() throws Exception {
    Path cache = tmp.resolve("cache");
    long before = daemons.dockerExports();
    ScanResult first = scan(cache, Daemon.DOCKER, DEMO_REF);
    assertSameInventoryAsTheArchive(first, "docker");
    assertThat(first.stats().layersAnalysed()).isEqualTo(6);
    assertThat(daemons.dockerExports()).as("one export").isEqualTo(before + 1);

    ScanResult second = scan(cache, Daemon.DOCKER, DEMO_REF);
    assertSameInventoryAsTheArchive(second, "docker");
    System.out.printf("scan durations (ms): archive cold %d, docker cold %d (export included), docker warm %d%n",
        archive.stats().durationMillis(), first.stats().durationMillis(), second.stats().durationMillis());
    assertThat(second.stats().layersFromCache()).isEqualTo(6);
    assertThat(daemons.dockerExports()).as("an unchanged image is not exported again").isEqualTo(before + 1);
    assertNoScratchLeft(cache);
  }

  @Test
  void anImageScannedAsAnArchiveBeforeIsNotExported() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      drydock.inventory(new ScanTarget.ArchiveFile(DEMO), true);
    }
    long before = daemons.dockerExports();
    ScanResult r = scan(cache, Daemon.DOCKER, DEMO_REF);
    assertSameInventoryAsTheArchive(r, "docker");
    assertThat(daemons.dockerExports()).isEqualTo(before);
  }

  @Test
  void podmanGivesTheArchiveInventory() throws Exception {
    Path cache = tmp.resolve("cache");
    ScanResult r = scan(cache, Daemon.PODMAN, DEMO_REF);
    assertSameInventoryAsTheArchive(r, "podman");
    assertThat(r.stats().layersAnalysed()).isEqualTo(6);
    assertNoScratchLeft(cache);
  }

  @Test
  void containerdGivesTheArchiveInventory() throws Exception {
    Path cache = tmp.resolve("cache");
    ScanResult r = scan(cache, Daemon.CONTAINERD, DEMO_REF);
    assertSameInventoryAsTheArchive(r, "containerd");
    assertNoScratchLeft(cache);
  }

  @Test
  void locateFindsDockerFirstThenPodman() {
    assertThat(Daemons.locate(DEMO_REF)).contains(Daemon.DOCKER);
    assertThat(Daemons.locate(ImageReference.parse("drydock/podman-only:1.0"))).contains(Daemon.PODMAN);
    assertThat(Daemons.locate(ImageReference.parse("drydock/nowhere:1.0"))).isEqualTo(Optional.empty());
  }

  @Test
  void anImageNoDaemonHoldsIsOneLineAndLeavesNothing() throws Exception {
    Path cache = tmp.resolve("cache");
    for (Daemon d : List.of(Daemon.DOCKER, Daemon.PODMAN, Daemon.CONTAINERD)) {
      assertThatThrownBy(() -> scan(cache, d, ImageReference.parse("drydock/nowhere:1.0")))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("cannot scan " + d.scheme() + ":docker.io/drydock/nowhere:1.0: ")
          .hasMessageContaining(" has no image ")
          .hasMessageNotContaining("\n");
    }
    assertNoScratchLeft(cache);
  }
}
