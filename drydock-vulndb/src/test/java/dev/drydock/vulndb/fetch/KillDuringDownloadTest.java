package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 robustness: a real JVM syncing a large feed that arrives slowly is killed mid-download; the previous
 * file and the state file must be untouched, and the next run must leave no temp files behind.
 */
class KillDuringDownloadTest {
  @TempDir Path tmp;
  Path dir;
  LoopbackServer server;
  final byte[] v1 = random(64 * 1024, 1);
  final byte[] v2 = random(8 * 1024 * 1024, 2);
  final AtomicBoolean serveV2 = new AtomicBoolean();
  final AtomicBoolean slow = new AtomicBoolean();

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @BeforeEach
  void start() throws IOException {
    dir = tmp.resolve("feeds");
    server = new LoopbackServer();
    server.route("/big/all.zip", (ex, hit) -> {
      byte[] body = serveV2.get() ? v2 : v1;
      ex.getResponseHeaders().add("ETag", serveV2.get() ? "\"v2\"" : "\"v1\"");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        for (int off = 0; off < body.length; off += 32 * 1024) {
          out.write(body, off, Math.min(32 * 1024, body.length - off));
          out.flush();
          if (slow.get()) {
            sleep(50); // 8 MiB in 32 KiB steps: about 13 s
          }
        }
      }
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void killedDownloadLeavesOldFileAndStateAndNextRunCleansUp() throws Exception {
    FeedConfig config = new FeedConfig(List.of(
        FeedConfig.Feed.of("big", FeedConfig.Format.OSV_ZIP, server.uri("/big/all.zip").toString())), 7);
    new FeedSync(config, dir).sync();
    Path file = dir.resolve("big.zip");
    Path state = dir.resolve(FeedSync.STATE_FILE);
    assertThat(Files.readAllBytes(file)).isEqualTo(v1);
    byte[] stateBefore = Files.readAllBytes(state);

    serveV2.set(true);
    slow.set(true);
    Process child = new ProcessBuilder(javaBin(), "-cp", testClassPath(), SlowFeedMain.class.getName(),
        server.uri("/big/all.zip").toString(), dir.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
        .start();
    try {
      Path part = awaitPartFile(child, 1024 * 1024, Duration.ofSeconds(60));
      assertThat(part).as("child never got 1 MiB into the download").isNotNull();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isNotZero();
    // the kill hit mid-download: a partial temp file is left, the real file and the state are not touched
    assertThat(partFiles()).hasSize(1);
    assertThat(Files.size(partFiles().get(0))).isLessThan(v2.length);
    assertThat(Files.readAllBytes(file)).isEqualTo(v1);
    assertThat(Files.readAllBytes(state)).isEqualTo(stateBefore);

    slow.set(false);
    FeedSync.Outcome next = new FeedSync(config, dir).sync();
    assertThat(next.changed()).extracting(f -> f.feed().name()).containsExactly("big");
    assertThat(Files.readAllBytes(file)).isEqualTo(v2);
    assertThat(partFiles()).isEmpty();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(state.toFile())
        .path("feeds").path("big").path("etag").asText()).isEqualTo("\"v2\"");
  }

  private Path awaitPartFile(Process child, long minBytes, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline && child.isAlive()) {
      for (Path p : partFiles()) {
        if (p.getFileName().toString().startsWith(".big.zip.") && sizeOrZero(p) >= minBytes) {
          return p;
        }
      }
      Thread.sleep(20);
    }
    return null;
  }

  private static long sizeOrZero(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private List<Path> partFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Surefire runs tests from a manifest-only jar; it also publishes the real class path. */
  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
