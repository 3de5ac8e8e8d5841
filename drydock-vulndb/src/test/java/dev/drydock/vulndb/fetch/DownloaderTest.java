package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.feed.epss.EpssParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  static final String OLD = "previous download\n";
  @TempDir Path dir;
  LoopbackServer server;
  byte[] kev;
  Downloader fast = new Downloader(Downloader.Settings.defaults().withBackoffBase(Duration.ofMillis(5)));

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    kev = resource("kev-excerpt.json");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static byte[] resource(String name) throws IOException {
    try (var in = DownloaderTest.class.getResourceAsStream("/fetch/" + name)) {
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  @Test
  void etagThen304KeepsTheFile() throws Exception {
    server.route("/kev.json", (ex, hit) -> {
      ex.getResponseHeaders().add("ETag", "\"kev-v1\"");
      if ("\"kev-v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        LoopbackServer.send(ex, 200, kev);
      }
    });
    Path dest = dir.resolve("kev.json");
    Downloader.Result first = fast.download(Downloader.Request.of(server.uri("/kev.json"), dest));
    assertThat(first.notModified()).isFalse();
    assertThat(first.etag()).isEqualTo("\"kev-v1\"");
    assertThat(first.bytes()).isEqualTo(kev.length);
    assertThat(first.sha256()).isEqualTo(sha256(kev));
    assertThat(Files.readAllBytes(dest)).isEqualTo(kev);

    Downloader.Result second = fast.download(
        Downloader.Request.of(server.uri("/kev.json"), dest).conditional(first.etag(), first.lastModified()));
    assertThat(second.notModified()).isTrue();
    assertThat(second.sha256()).isEqualTo(sha256(kev));
    assertThat(Files.readAllBytes(dest)).isEqualTo(kev);
    assertThat(server.seen).extracting(LoopbackServer.Seen::ifNoneMatch).containsExactly(null, "\"kev-v1\"");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void lastModifiedIsSentBackAndNoValidatorsWithoutAnOldFile() throws Exception {
    String stamp = "Mon, 25 Aug 2025 17:04:19 GMT";
    server.route("/kev.json", (ex, hit) -> {
      ex.getResponseHeaders().add("Last-Modified", stamp);
      if (stamp.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        LoopbackServer.send(ex, 200, kev);
      }
    });
    Path dest = dir.resolve("kev.json");
    // validators remembered from an earlier run, but the file is gone: must fetch unconditionally
    Downloader.Result first = fast.download(Downloader.Request.of(server.uri("/kev.json"), dest).conditional("\"x\"", stamp));
    assertThat(first.notModified()).isFalse();
    assertThat(first.lastModified()).isEqualTo(stamp);
    Downloader.Result second = fast.download(Downloader.Request.of(server.uri("/kev.json"), dest).conditional(null, stamp));
    assertThat(second.notModified()).isTrue();
    assertThat(server.seen).extracting(LoopbackServer.Seen::ifModifiedSince).containsExactly(null, stamp);
    assertThat(server.seen.get(0).ifNoneMatch()).isNull();
  }

  @Test
  void retriesTwo500sThenSucceeds() throws Exception {
    server.route("/kev.json", (ex, hit) -> LoopbackServer.send(ex, hit <= 2 ? 500 : 200, hit <= 2 ? new byte[0] : kev));
    Downloader.Result r = fast.download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json")));
    assertThat(server.hits("/kev.json")).isEqualTo(3);
    assertThat(Files.readAllBytes(r.path())).isEqualTo(kev);
  }

  @Test
  void givesUpAfterMaxAttemptsAndKeepsTheOldFile() throws Exception {
    server.route("/kev.json", (ex, hit) -> LoopbackServer.send(ex, 503, new byte[0]));
    Path dest = dir.resolve("kev.json");
    Files.writeString(dest, OLD);
    Downloader three = new Downloader(Downloader.Settings.defaults().withBackoffBase(Duration.ofMillis(5)).withMaxAttempts(3));
    assertThatThrownBy(() -> three.download(Downloader.Request.of(server.uri("/kev.json"), dest)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("HTTP 503 from " + server.uri("/kev.json") + " (gave up after 3 attempts)");
    assertThat(server.hits("/kev.json")).isEqualTo(3);
    assertThat(Files.readString(dest)).isEqualTo(OLD);
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    List<Long> at = new ArrayList<>();
    server.route("/kev.json", (ex, hit) -> {
      at.add(System.nanoTime());
      if (hit == 1) {
        ex.getResponseHeaders().add("Retry-After", "1");
        LoopbackServer.send(ex, 429, new byte[0]);
      } else {
        LoopbackServer.send(ex, 200, kev);
      }
    });
    fast.download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json")));
    assertThat(at).hasSize(2);
    // backoff base is 5 ms: only Retry-After explains a pause of a second
    assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void notFoundIsOneLineAndNotRetried() throws Exception {
    URI url = server.uri("/missing.json");
    assertThatThrownBy(() -> fast.download(Downloader.Request.of(url, dir.resolve("m.json"))))
        .isInstanceOf(DrydockException.class).hasMessage("HTTP 404 from " + url);
    assertThat(server.hits("/missing.json")).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("m.json"))).isFalse();
  }

  @Test
  void sidecarChecksumMatches() throws Exception {
    server.route("/kev.json", (ex, hit) -> LoopbackServer.send(ex, 200, kev));
    server.route("/kev.json.sha256", (ex, hit) -> LoopbackServer.send(ex, 200,
        ((sha256Unchecked(kev)) + "  known_exploited_vulnerabilities.json\n").getBytes(StandardCharsets.US_ASCII)));
    Downloader.Result r = fast.download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json"))
        .verified(null, server.uri("/kev.json.sha256")));
    assertThat(r.sha256()).isEqualTo(sha256(kev));
    assertThat(server.hits("/kev.json.sha256")).isEqualTo(1);
  }

  @Test
  void checksumMismatchReplacesNothing() throws Exception {
    byte[] other = resource("claircore-data.csv");
    server.route("/kev.json", (ex, hit) -> LoopbackServer.send(ex, 200, kev));
    server.route("/kev.json.sha256", (ex, hit) -> LoopbackServer.send(ex, 200,
        (sha256Unchecked(other).toUpperCase() + "\n").getBytes(StandardCharsets.US_ASCII)));
    Path dest = dir.resolve("kev.json");
    Files.writeString(dest, OLD);
    URI url = server.uri("/kev.json");
    assertThatThrownBy(() -> fast.download(Downloader.Request.of(url, dest).verified(null, server.uri("/kev.json.sha256"))))
        .isInstanceOf(DrydockException.class)
        .hasMessage("checksum mismatch for " + url + ": expected " + sha256(other) + ", got " + sha256(kev));
    assertThatThrownBy(() -> fast.download(Downloader.Request.of(url, dest).verified(sha256(other), null)))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("checksum mismatch for " + url);
    assertThat(Files.readString(dest)).isEqualTo(OLD);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void truncatedBodyIsAnErrorAndTheOldFileStays() throws Exception {
    byte[] half = java.util.Arrays.copyOf(kev, kev.length / 2);
    try (TruncatingServer cut = new TruncatingServer(half, kev.length)) {
      Path dest = dir.resolve("kev.json");
      Files.writeString(dest, OLD);
      URI url = cut.uri("/kev.json");
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> fast.download(Downloader.Request.of(url, dest)))
          .isInstanceOf(DrydockException.class).hasMessageStartingWith("download from " + url + " broke off after ")
          .hasMessageEndingWith("(gave up after 4 attempts)");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(cut.requests.get()).isEqualTo(4);
      assertThat(Files.readString(dest)).isEqualTo(OLD);
      assertThat(leftovers()).isEmpty();
    }
  }

  @Test
  void sizeLimitIsEnforcedWithoutRetrying() throws Exception {
    server.route("/kev.json", (ex, hit) -> {
      ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to check up front
      try (OutputStream out = ex.getResponseBody()) {
        out.write(kev);
      }
    });
    Path dest = dir.resolve("kev.json");
    Downloader small = new Downloader(Downloader.Settings.defaults().withMaxBytes(10_000));
    assertThatThrownBy(() -> small.download(Downloader.Request.of(server.uri("/kev.json"), dest)))
        .isInstanceOf(DrydockException.class).hasMessageContaining("size limit of 10000 bytes");
    assertThat(server.hits("/kev.json")).isEqualTo(1);
    assertThat(Files.exists(dest)).isFalse();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void stalledBodyTimesOut() throws Exception {
    server.route("/kev.json", (ex, hit) -> {
      ex.sendResponseHeaders(200, kev.length);
      OutputStream out = ex.getResponseBody();
      out.write(kev, 0, 1000);
      out.flush();
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Downloader impatient = new Downloader(Downloader.Settings.defaults().withMaxAttempts(1)
        .withIdleTimeout(Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> impatient.download(Downloader.Request.of(server.uri("/kev.json"), dir.resolve("kev.json"))))
        .isInstanceOf(DrydockException.class).hasMessageContaining("no data for 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void connectionRefusedIsNotRetriedAndTheHostStaysDownForTheRun() throws Exception {
    URI url = server.uri("/kev.json");
    server.close();
    String expected = "download from " + url + " failed: cannot connect to 127.0.0.1:" + url.getPort()
        + ": Connection refused";
    assertThatThrownBy(() -> fast.download(Downloader.Request.of(url, dir.resolve("kev.json"))))
        .isInstanceOf(DrydockException.class).hasMessage(expected);
    // the next URL on that host fails at once with the same reason, without a connection attempt
    URI other = server.uri("/epss.csv.gz");
    assertThatThrownBy(() -> fast.download(Downloader.Request.of(other, dir.resolve("epss.csv.gz"))))
        .isInstanceOf(DrydockException.class)
        .hasMessage("download from " + other + " failed: cannot connect to 127.0.0.1:" + url.getPort()
            + ": Connection refused");
  }

  /**
   * A listening socket whose accept queue is full drops further SYNs (Linux), like a firewall that drops
   * packets: connecting to it times out. Two such hosts, a closed port and a name that does not resolve are
   * probed at once, so the probe takes about one connect timeout, not one per host.
   */
  @Test
  void probeFindsEveryUnreachableHostInParallel() throws Exception {
    List<java.net.Socket> fillers = new java.util.ArrayList<>();
    try (java.net.ServerSocket silent1 = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        java.net.ServerSocket silent2 = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      for (java.net.ServerSocket s : List.of(silent1, silent2)) {
        for (int i = 0; i < 8; i++) { // more than the queue holds; the extra ones simply time out here
          java.net.Socket c = new java.net.Socket();
          fillers.add(c);
          try {
            c.connect(s.getLocalSocketAddress(), 200);
          } catch (java.io.IOException full) {
            break;
          }
        }
      }
      int closed;
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        closed = s.getLocalPort();
      }
      Downloader d = new Downloader(Downloader.Settings.defaults().withConnectTimeout(Duration.ofSeconds(2)));
      URI a = URI.create("http://127.0.0.1:" + silent1.getLocalPort() + "/a.json");
      URI b = URI.create("http://127.0.0.1:" + silent2.getLocalPort() + "/b.json");
      URI c = URI.create("http://127.0.0.1:" + closed + "/c.json");
      URI n = URI.create("https://feeds.drydock.invalid/d.json");
      URI up = server.uri("/kev.json");
      long t0 = System.nanoTime();
      java.util.Map<String, String> down = d.probe(List.of(a, b, c, n, up));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(down).containsOnlyKeys("127.0.0.1:" + silent1.getLocalPort(), "127.0.0.1:" + silent2.getLocalPort(),
          "127.0.0.1:" + closed, "feeds.drydock.invalid:443");
      assertThat(down.get("127.0.0.1:" + silent1.getLocalPort()))
          .isEqualTo("no answer from 127.0.0.1:" + silent1.getLocalPort() + " within 2 s");
      assertThat(down.get("127.0.0.1:" + closed)).isEqualTo("cannot connect to 127.0.0.1:" + closed
          + ": Connection refused");
      assertThat(down.get("feeds.drydock.invalid:443")).isEqualTo("cannot resolve host feeds.drydock.invalid");
      assertThat(took).as("two 2 s timeouts at once, not one after the other").isLessThan(Duration.ofMillis(3900));
      // a download from a host found down fails at once, with the probe's reason
      assertThatThrownBy(() -> d.download(Downloader.Request.of(b, dir.resolve("b.json"))))
          .isInstanceOf(DrydockException.class)
          .hasMessage("download from " + b + " failed: no answer from 127.0.0.1:" + silent2.getLocalPort()
              + " within 2 s");
    } finally {
      for (java.net.Socket s : fillers) {
        s.close();
      }
    }
  }

  @Test
  void gzipEpssOverHttpArrivesByteForByteAndParses() throws Exception {
    byte[] csv = resource("claircore-data.csv");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv);
    }
    server.route("/epss_scores-current.csv.gz", (ex, hit) -> {
      ex.getResponseHeaders().add("Content-Type", "application/gzip");
      LoopbackServer.send(ex, 200, gz.toByteArray());
    });
    Path dest = dir.resolve("epss.csv.gz");
    fast.download(Downloader.Request.of(server.uri("/epss_scores-current.csv.gz"), dest));
    assertThat(Files.readAllBytes(dest)).isEqualTo(gz.toByteArray());
    List<AdvisorySource.Epss> got = new ArrayList<>();
    EpssParser.Summary s = EpssParser.parse(dest, got::add);
    long rows = new String(csv, StandardCharsets.UTF_8).lines().count() - 2;
    assertThat(s.accepted()).isEqualTo(rows);
    assertThat(got).extracting(AdvisorySource.Epss::date).containsOnly("2024-10-25");
  }

  static String sha256Unchecked(byte[] data) {
    try {
      return sha256(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
