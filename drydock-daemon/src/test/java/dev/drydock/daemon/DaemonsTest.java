package dev.drydock.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.daemon.StubDaemon.Reply;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.archive.Archives;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.model.targets.ScanTarget;
import dev.drydock.model.targets.ScanTarget.Daemon;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemon reads against a real HTTP server on a unix socket giving the answers a real daemon cannot be made to
 * give (old API versions, malformed JSON, a cut-off export); the real dockerd and podman are in DaemonScanIT.
 */
class DaemonsTest {
  static final Path DEMO = Path.of("../examples/demo-app.tar");
  static final String DEMO_ID = "sha256:7ae36cc40c28d560459f7c21af8a5d82c3c05a98ee4f76798fa6941cdfa7dc80";
  static final String INSPECT = "{\"Id\":\"" + DEMO_ID + "\",\"RepoTags\":[\"drydock/demo-app:1.0\"]}";
  static final ScanTarget.DaemonImage TARGET = new ScanTarget.DaemonImage(Daemon.DOCKER,
      ImageReference.parse("drydock/demo-app:1.0"));

  /** Answers stall at most this long here (a stub answers at once or never). */
  static final Duration QUICK = Duration.ofSeconds(5);

  @TempDir Path dir;
  Path scratch;
  Path socket;

  @BeforeEach
  void setUp() throws IOException {
    scratch = Files.createDirectories(dir.resolve("cache/tmp/1-ab"));
    socket = dir.resolve("d.sock");
  }

  private SourceOptions options() {
    return new SourceOptions(null, Limits.DEFAULT, scratch);
  }

  private Map<String, String> docker() {
    return Map.of("DOCKER_HOST", "unix://" + socket);
  }

  private List<Path> scratchFiles() throws IOException {
    try (Stream<Path> s = Files.list(scratch)) {
      return s.toList();
    }
  }

  @Test
  void readsTheImageTheDaemonExportsAsTheArchiveReaderReadsTheFile() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(INSPECT, Reply.chunked(tar)));
        ImageSource fromDaemon = Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK);
        ImageSource fromFile = Archives.openFile(DEMO, new SourceOptions(null, Limits.DEFAULT, scratch))) {
      assertThat(fromDaemon.target().kind()).isEqualTo("docker");
      assertThat(fromDaemon.target().name()).isEqualTo("docker:docker.io/drydock/demo-app:1.0");
      assertThat(fromDaemon.target().configDigest()).isEqualTo(DEMO_ID);
      assertThat(fromDaemon.layers()).extracting(Layer::diffId)
          .containsExactlyElementsOf(fromFile.layers().stream().map(Layer::diffId).toList()).hasSize(6);
      assertThat(fromDaemon.config()).isEqualTo(fromFile.config());
      assertThat(fromDaemon.origin(fromDaemon.layers().get(0))).as("no file stamp for a spill").isNull();
      // every path carries the version negotiated from the daemon's answer (1.41), none a version it refuses
      assertThat(d.requests).containsExactly("GET /_ping HTTP/1.1", "GET /version HTTP/1.1",
          "GET /v1.41/images/drydock/demo-app:1.0/json HTTP/1.1", "GET /v1.41/images/drydock/demo-app:1.0/get HTTP/1.1");
      assertThat(scratchFiles()).as("the export is spilled into the scratch directory").hasSize(1);
    }
    assertThat(scratchFiles()).as("and removed on close").isEmpty();
  }

  @Test
  void readsOverLoopbackTcpToo() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    try (StubDaemon d = StubDaemon.tcp(StubDaemon.docker(INSPECT, Reply.of(200, "", tar)));
        ImageSource s = Daemons.open(TARGET, options(), KnownImages.NONE,
            Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + d.port()), QUICK)) {
      assertThat(s.layers()).hasSize(6);
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void aKnownImageIsNotExportedUntilALayerMustBeRead() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    KnownImages.Known known;
    try (ImageSource file = Archives.openFile(DEMO, options())) {
      known = new KnownImages.Known(file.config(), file.layers(), file.target().platform());
    }
    AtomicInteger asked = new AtomicInteger();
    KnownImages byId = id -> {
      asked.incrementAndGet();
      return id.equals(DEMO_ID) ? Optional.of(known) : Optional.empty();
    };
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(INSPECT, Reply.chunked(tar)));
        ImageSource s = Daemons.open(TARGET, options(), byId, docker(), QUICK)) {
      assertThat(asked).hasValue(1);
      assertThat(s.layers()).isEqualTo(known.layers());
      assertThat(s.target().configDigest()).isEqualTo(DEMO_ID);
      assertThat(s.hashBlob(s.layers().get(2))).isEqualTo(known.layers().get(2).digest());
      assertThat(d.requests).noneMatch(r -> r.contains("/get"));
      assertThat(scratchFiles()).isEmpty();
      // a layer that must be read after all: the image is exported then, once
      RecordingEntries seen = new RecordingEntries();
      String blob = s.walk(s.layers().get(0), seen);
      assertThat(blob).startsWith("sha256:");
      assertThat(seen.paths).isNotEmpty();
      s.walk(s.layers().get(1), new RecordingEntries());
      assertThat(d.requests.stream().filter(r -> r.contains("/get")).count()).isEqualTo(1);
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void anAbsentSocketIsOneLine() {
    assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
        .isInstanceOf(DrydockException.class)
        .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: docker: no socket at " + socket
            + " (from DOCKER_HOST): is the daemon running?");
  }

  @Test
  void theDefaultSocketsAreDockersThenPodmansRootlessThenRootful() {
    assertThat(Endpoint.candidates(Daemon.DOCKER, Map.of()))
        .containsExactly(Endpoint.unix(Path.of("/var/run/docker.sock"), "default"));
    assertThat(Endpoint.candidates(Daemon.PODMAN, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
        .containsExactly(Endpoint.unix(Path.of("/run/user/1000/podman/podman.sock"), "XDG_RUNTIME_DIR"),
            Endpoint.unix(Path.of("/run/podman/podman.sock"), "default"));
    assertThat(Endpoint.candidates(Daemon.PODMAN, Map.of("CONTAINER_HOST", "unix:///x/p.sock",
        "XDG_RUNTIME_DIR", "/run/user/1000"))).containsExactly(Endpoint.unix(Path.of("/x/p.sock"), "CONTAINER_HOST"));
    assertThat(Endpoint.candidates(Daemon.CONTAINERD, Map.of()))
        .containsExactly(Endpoint.unix(Path.of("/run/containerd/containerd.sock"), "default"));
  }

  @Test
  void aPodmanWithoutSocketNamesEveryPlaceTried() {
    ScanTarget.DaemonImage t = new ScanTarget.DaemonImage(Daemon.PODMAN, ImageReference.parse("alpine"));
    assertThatThrownBy(() -> Daemons.open(t, options(), KnownImages.NONE,
        Map.of("XDG_RUNTIME_DIR", dir.toString()), QUICK))
        .hasMessage("cannot scan podman:docker.io/library/alpine:latest: podman: no socket at " + dir
            + "/podman/podman.sock or /run/podman/podman.sock: is 'podman system service' running? (or set CONTAINER_HOST)");
  }

  @Test
  void aSocketNobodyListensOnIsConnectionRefused() throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    s.close(); // the file stays, nobody listens: a daemon that died
    assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
        .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: docker at unix://" + socket
            + ": connection refused (is the daemon running?)");
  }

  @Test
  void aRegularFileIsNotASocket() throws IOException {
    Files.writeString(socket, "x");
    assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
        .hasMessageEndingWith("docker: " + socket + " (from DOCKER_HOST) is not a socket");
  }

  @Test
  void aDaemonTooOldForDrydockIsRefusedByName() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, line -> line.contains("/_ping")
        ? Reply.of(200, "Api-Version: 1.19\r\n", "OK".getBytes(StandardCharsets.UTF_8))
        : Reply.json(200, "{\"ApiVersion\":\"1.19\",\"MinAPIVersion\":\"1.12\"}"))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: docker at unix://" + socket
              + " speaks API versions up to 1.19; drydock needs at least 1.24 (upgrade the daemon)");
      assertThat(d.requests).noneMatch(r -> r.contains("/images/"));
    }
  }

  @Test
  void aDaemonRefusingEveryVersionDrydockKnowsIsRefusedByName() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, line -> line.contains("/_ping")
        ? Reply.of(200, "Api-Version: 1.60\r\n", "OK".getBytes(StandardCharsets.UTF_8))
        : Reply.json(200, "{\"ApiVersion\":\"1.60\",\"MinAPIVersion\":\"1.50\"}"))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageEndingWith(" refuses API versions below 1.50; drydock speaks 1.24 to 1.48");
      assertThat(d.requests).noneMatch(r -> r.contains("/images/"));
    }
  }

  @Test
  void aNewerDaemonIsSpokenToInTheNewestVersionDrydockKnows() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    try (StubDaemon d = StubDaemon.unix(socket, line -> line.contains("/_ping")
        ? Reply.of(200, "Api-Version: 1.51\r\n", "OK".getBytes(StandardCharsets.UTF_8))
        : line.contains("/version") ? Reply.json(200, "{\"ApiVersion\":\"1.51\",\"MinAPIVersion\":\"1.24\"}")
        : line.contains("/json") ? Reply.json(200, INSPECT) : Reply.chunked(tar));
        ImageSource s = Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK)) {
      assertThat(d.requests).contains("GET /v1.48/images/drydock/demo-app:1.0/json HTTP/1.1");
    }
  }

  @Test
  void aVersionRefusedOnAPathIsSaidAsSuch() throws IOException {
    // a daemon whose /_ping claims 1.41 but refuses it on the path: its own message is passed on
    try (StubDaemon d = StubDaemon.unix(socket, line -> line.contains("/_ping")
        ? Reply.of(200, "Api-Version: 1.41\r\n", "OK".getBytes(StandardCharsets.UTF_8))
        : line.contains("/version") ? Reply.json(200, "{\"ApiVersion\":\"1.41\"}")
        : Reply.json(400, "{\"message\":\"client version 1.41 is too old. Minimum supported API version is 1.44\"}"))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageEndingWith(" refuses API version 1.41: client version 1.41 is too old. Minimum supported API"
              + " version is 1.44");
    }
  }

  @Test
  void anImageTheDaemonDoesNotHoldIsOneLine() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(null, null))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: docker at unix://" + socket
              + " has no image drydock/demo-app:1.0");
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void malformedJsonIsOneLine() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker("{\"Id\": [unclosed", null))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageStartingWith("cannot scan docker:docker.io/drydock/demo-app:1.0: docker at unix://" + socket
              + ": malformed answer to /images/drydock/demo-app:1.0/json (not JSON: ")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void anIdThatIsNoDigestIsMalformed() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker("{\"Id\":\"../../etc\"}", null))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageEndingWith("malformed answer to /images/drydock/demo-app:1.0/json (Id '../../etc', not"
              + " sha256:<64 hex>)");
    }
  }

  @Test
  void aVersionAnswerThatIsNotJsonIsMalformed() throws IOException {
    try (StubDaemon d = StubDaemon.unix(socket, line -> line.contains("/_ping")
        ? Reply.of(200, "", "OK".getBytes(StandardCharsets.UTF_8))
        : Reply.of(200, "", "<html>proxy</html>".getBytes(StandardCharsets.UTF_8)))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageContaining(": malformed answer to /version (not JSON: ");
    }
  }

  @Test
  void anExportCutOffMidStreamLeavesNothingBehind() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    byte[] half = Arrays.copyOf(tar, tar.length / 2);
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(INSPECT, Reply.truncated(tar.length, half)))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("cannot scan docker:docker.io/drydock/demo-app:1.0: the export from docker at unix://"
              + socket + " was cut off after ")
          .hasMessageNotContaining("\n");
    }
    assertThat(scratchFiles()).as("the partial spill is removed").isEmpty();
  }

  @Test
  void anExportThatEndsEarlyButCleanlyIsATruncatedArchive() throws IOException {
    // the daemon ends the chunked stream properly after half the tar: the archive reader finds it cut
    byte[] tar = Files.readAllBytes(DEMO);
    byte[] half = Arrays.copyOf(tar, tar.length / 2);
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(INSPECT, Reply.chunked(half)))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .isInstanceOf(DrydockException.class)
          .hasMessageContaining("docker:docker.io/drydock/demo-app:1.0 (as exported by docker at unix://" + socket + ")")
          .hasMessageNotContaining(scratch.toString());
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void anExportOfAnotherImageThanInspectedIsRefused() throws IOException {
    byte[] tar = Files.readAllBytes(DEMO);
    String other = "{\"Id\":\"sha256:" + "0".repeat(64) + "\"}";
    try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(other, Reply.chunked(tar)))) {
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, docker(), QUICK))
          .hasMessageContaining("exported image " + DEMO_ID + " but reported sha256:" + "0".repeat(64));
    }
    assertThat(scratchFiles()).isEmpty();
  }

  @Test
  void addressesOtherThanUnixOrLoopbackAreRefused() {
    assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE,
        Map.of("DOCKER_HOST", "tcp://192.0.2.1:2375"), QUICK))
        .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: DOCKER_HOST=tcp://192.0.2.1:2375: drydock"
            + " reads daemons only on a unix socket or on tcp://127.0.0.1 (a daemon on another host would be reached"
            + " without TLS)");
    assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE,
        Map.of("DOCKER_HOST", "ssh://me@host"), QUICK))
        .hasMessageContaining("unsupported address");
    assertThat(Endpoint.parse("tcp://localhost:2375", "DOCKER_HOST").host()).isEqualTo("127.0.0.1");
    assertThat(Endpoint.parse("tcp://[::1]:2375", "DOCKER_HOST").display()).isEqualTo("tcp://[::1]:2375");
  }

  @Test
  void namesAreAskedInTheFamiliarForm() {
    assertThat(Daemons.apiName(ImageReference.parse("nginx"))).isEqualTo("nginx:latest");
    assertThat(Daemons.apiName(ImageReference.parse("docker.io/library/nginx:1.25"))).isEqualTo("nginx:1.25");
    assertThat(Daemons.apiName(ImageReference.parse("drydock/demo-app:1.0"))).isEqualTo("drydock/demo-app:1.0");
    assertThat(Daemons.apiName(ImageReference.parse("localhost:5000/a/b:2"))).isEqualTo("localhost:5000/a/b:2");
    String d = "sha256:" + "a".repeat(64);
    assertThat(Daemons.apiName(ImageReference.parse("ghcr.io/o/i@" + d))).isEqualTo("ghcr.io/o/i@" + d);
  }

  @Test
  void locateFindsDockerFirstThenPodmanAndIsQuicklyEmptyOtherwise() throws IOException {
    Path podman = dir.resolve("p.sock");
    ImageReference ref = ImageReference.parse("drydock/demo-app:1.0");
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket, "CONTAINER_HOST", "unix://" + podman);
    long t0 = System.nanoTime();
    assertThat(Daemons.locate(ref, env, Duration.ofSeconds(2))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no socket: no waiting").isLessThan(Duration.ofSeconds(2));
    try (StubDaemon p = StubDaemon.unix(podman, StubDaemon.docker(INSPECT, null))) {
      assertThat(Daemons.locate(ref, env, Duration.ofSeconds(2))).contains(Daemon.PODMAN);
      try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(INSPECT, null))) {
        assertThat(Daemons.locate(ref, env, Duration.ofSeconds(2))).contains(Daemon.DOCKER);
      }
      try (StubDaemon d = StubDaemon.unix(socket, StubDaemon.docker(null, null))) {
        assertThat(Daemons.locate(ref, env, Duration.ofSeconds(2))).as("docker lacks it").contains(Daemon.PODMAN);
      }
    }
    try (StubDaemon d = StubDaemon.unix(socket, line -> Reply.of(200, "", "not docker".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(Daemons.locate(ref, env, Duration.ofSeconds(2))).as("not a Docker API").isEmpty();
    }
  }

  @Test
  void locateGivesUpQuicklyOnADaemonThatDoesNotAnswer() throws IOException {
    ImageReference ref = ImageReference.parse("drydock/demo-app:1.0");
    Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + socket, "CONTAINER_HOST", "unix://" + dir.resolve("none"));
    try (StubDaemon d = StubDaemon.unix(socket, line -> {
      try {
        Thread.sleep(30_000); // accepts, reads the request, never answers
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Reply.of(200, "", new byte[0]);
    })) {
      long t0 = System.nanoTime();
      assertThat(Daemons.locate(ref, env, Duration.ofSeconds(1))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(d.requests).containsExactly("GET /_ping HTTP/1.1");
      // and opening it says so in one line
      assertThatThrownBy(() -> Daemons.open(TARGET, options(), KnownImages.NONE, env, Duration.ofSeconds(1)))
          .hasMessage("cannot scan docker:docker.io/drydock/demo-app:1.0: docker at unix://" + socket
              + ": no answer to /_ping within 1 s");
    }
  }

  @Test
  void containerdWithoutCtrIsRefusedWithTheReason() {
    ScanTarget.DaemonImage t = new ScanTarget.DaemonImage(Daemon.CONTAINERD, ImageReference.parse("alpine"));
    assertThatThrownBy(() -> Daemons.open(t, options(), KnownImages.NONE, Map.of("PATH", dir.toString())))
        .hasMessage("cannot scan containerd:docker.io/library/alpine:latest: containerd images are read through"
            + " 'ctr images export', and no ctr program is on PATH (install containerd's ctr, or export the image"
            + " yourself and scan the file)");
  }

  @Test
  void containerdWithoutSocketIsOneLine() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path ctr = Files.writeString(bin.resolve("ctr"), "#!/bin/sh\nexit 1\n");
    ctr.toFile().setExecutable(true);
    ScanTarget.DaemonImage t = new ScanTarget.DaemonImage(Daemon.CONTAINERD, ImageReference.parse("alpine"));
    Path sock = dir.resolve("c.sock");
    assertThatThrownBy(() -> Daemons.open(t, options(), KnownImages.NONE,
        Map.of("PATH", bin.toString(), "CONTAINERD_ADDRESS", sock.toString()), QUICK))
        .hasMessage("cannot scan containerd:docker.io/library/alpine:latest: containerd: no socket at " + sock
            + " (from CONTAINERD_ADDRESS): is containerd running?");
  }
}
