package dev.drydock.vulndb.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedSyncTest {
  @TempDir Path dir;
  LoopbackServer server;
  byte[] kev;
  byte[] epssGz;
  final AtomicReference<byte[]> kevNow = new AtomicReference<>();
  final Downloader fast = new Downloader(Downloader.Settings.defaults().withBackoffBase(Duration.ofMillis(5)));

  @BeforeEach
  void start() throws Exception {
    kev = DownloaderTest.resource("kev-excerpt.json");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(DownloaderTest.resource("claircore-data.csv"));
    }
    epssGz = gz.toByteArray();
    kevNow.set(kev);
    server = new LoopbackServer();
    // ETag = content hash, like a static file server
    server.route("/kev.json", (ex, hit) -> {
      byte[] body = kevNow.get();
      String etag = "\"" + DownloaderTest.sha256Unchecked(body).substring(0, 16) + "\"";
      ex.getResponseHeaders().add("ETag", etag);
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        LoopbackServer.send(ex, 200, body);
      }
    });
    String stamp = "Fri, 25 Oct 2024 12:00:00 GMT";
    server.route("/epss.csv.gz", (ex, hit) -> {
      ex.getResponseHeaders().add("Last-Modified", stamp);
      if (stamp.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        LoopbackServer.send(ex, 200, epssGz);
      }
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  FeedConfig config(String... extraMissing) {
    List<FeedConfig.Feed> feeds = new java.util.ArrayList<>(List.of(
        FeedConfig.Feed.of("kev", FeedConfig.Format.KEV_JSON, server.uri("/kev.json").toString()),
        FeedConfig.Feed.of("epss", FeedConfig.Format.EPSS_CSV_GZ, server.uri("/epss.csv.gz").toString())));
    for (String name : extraMissing) {
      feeds.add(1, FeedConfig.Feed.of(name, FeedConfig.Format.OSV_ZIP, server.uri("/" + name + "/all.zip").toString()));
    }
    return new FeedConfig(feeds, 7);
  }

  @Test
  void secondRunIsConditionalAndOnlyChangedFeedsAreReported() throws Exception {
    FeedSync sync = new FeedSync(config(), dir, fast);
    FeedSync.Outcome first = sync.sync();
    assertThat(first.failures()).isEmpty();
    assertThat(first.changed()).extracting(f -> f.feed().name()).containsExactly("kev", "epss");
    assertThat(Files.readAllBytes(dir.resolve("kev.json"))).isEqualTo(kev);
    assertThat(Files.readAllBytes(dir.resolve("epss.csv.gz"))).isEqualTo(epssGz);
    JsonNode state = new ObjectMapper().readTree(dir.resolve(FeedSync.STATE_FILE).toFile());
    assertThat(state.path("feeds").path("kev").path("etag").asText()).startsWith("\"");
    assertThat(state.path("feeds").path("epss").path("lastModified").asText()).isEqualTo("Fri, 25 Oct 2024 12:00:00 GMT");
    assertThat(state.path("feeds").path("kev").path("sha256").asText()).isEqualTo(DownloaderTest.sha256(kev));

    FeedSync.Outcome second = new FeedSync(config(), dir, fast).sync();
    assertThat(second.files()).hasSize(2);
    assertThat(second.changed()).isEmpty();
    assertThat(server.seen.subList(2, 4)).extracting(LoopbackServer.Seen::ifNoneMatch)
        .containsExactly(state.path("feeds").path("kev").path("etag").asText(), null);
    assertThat(server.seen.get(3).ifModifiedSince()).isEqualTo("Fri, 25 Oct 2024 12:00:00 GMT");

    byte[] newer = new String(kev, "UTF-8").replace("\"count\": 201", "\"count\": 202").getBytes("UTF-8");
    kevNow.set(newer);
    FeedSync.Outcome third = new FeedSync(config(), dir, fast).sync();
    assertThat(third.changed()).extracting(f -> f.feed().name()).containsExactly("kev");
    assertThat(Files.readAllBytes(dir.resolve("kev.json"))).isEqualTo(newer);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aFailingFeedDoesNotStopTheOthersAndKeepsItsOldFile() throws Exception {
    Files.writeString(dir.resolve("osv-Maven.zip"), "old zip");
    FeedSync.Outcome out = new FeedSync(config("osv-Maven"), dir, fast).sync();
    assertThat(out.files()).extracting(f -> f.feed().name()).containsExactly("kev", "epss");
    assertThat(out.failures()).singleElement().satisfies(f -> {
      assertThat(f.feed().name()).isEqualTo("osv-Maven");
      assertThat(f.message()).isEqualTo("HTTP 404 from " + server.uri("/osv-Maven/all.zip"));
    });
    assertThat(Files.readString(dir.resolve("osv-Maven.zip"))).isEqualTo("old zip");
  }

  @Test
  void aDamagedLocalCopyIsFetchedAgainDespite304() throws Exception {
    new FeedSync(config(), dir, fast).sync();
    byte[] damaged = kev.clone();
    damaged[1000] ^= 1;
    Files.write(dir.resolve("kev.json"), damaged);
    FeedSync.Outcome out = new FeedSync(config(), dir, fast).sync();
    assertThat(Files.readAllBytes(dir.resolve("kev.json"))).isEqualTo(kev);
    assertThat(out.changed()).isEmpty(); // same content as the last sync recorded
    assertThat(server.hits("/kev.json")).isEqualTo(3); // 200, 304, unconditional 200
  }

  @Test
  void aMovedUrlIsFetchedUnconditionally() throws Exception {
    new FeedSync(config(), dir, fast).sync();
    server.route("/mirror/kev.json", (ex, hit) -> LoopbackServer.send(ex, 200, kev));
    FeedConfig moved = new FeedConfig(List.of(
        FeedConfig.Feed.of("kev", FeedConfig.Format.KEV_JSON, server.uri("/mirror/kev.json").toString())), 7);
    new FeedSync(moved, dir, fast).sync();
    assertThat(server.seen.get(server.seen.size() - 1)).isEqualTo(new LoopbackServer.Seen("/mirror/kev.json", null, null, null));
  }

  @Test
  void staleness() throws Exception {
    FeedSync sync = new FeedSync(config("osv-npm"), dir, fast);
    assertThat(sync.staleFeeds(Instant.now())).containsExactly("kev", "osv-npm", "epss");
    sync.sync();
    assertThat(sync.staleFeeds(Instant.now())).containsExactly("osv-npm");
    assertThat(sync.staleFeeds(Instant.now().plus(Duration.ofDays(8)))).containsExactly("kev", "osv-npm", "epss");
  }

  /** Issue 18: a second concurrent update refused at once while a second import waited; now both wait. */
  @Test
  void waitsWhileAnotherSyncHoldsTheLock() throws Exception {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), LockHolderMain.class.getName(), dir.resolve(".lock").toString())
        .redirectErrorStream(true).start();
    java.util.concurrent.CompletableFuture<FeedSync.Outcome> second;
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine())
          .isEqualTo("locked");
      second = java.util.concurrent.CompletableFuture.supplyAsync(() -> new FeedSync(config(), dir, fast).sync());
      Thread.sleep(500);
      assertThat(second).isNotDone();
      assertThat(server.hits("/kev.json")).isZero();
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    FeedSync.Outcome o = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(o.failures()).isEmpty();
    assertThat(o.files()).hasSize(2);
    assertThat(server.hits("/kev.json")).isEqualTo(1);
  }

  @Test
  void syncsOfOneProcessTakeTurns() throws Exception {
    List<java.util.concurrent.CompletableFuture<FeedSync.Outcome>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> new FeedSync(config(), dir, fast).sync()));
    }
    for (var r : runs) {
      assertThat(r.get(60, java.util.concurrent.TimeUnit.SECONDS).failures()).isEmpty();
    }
    assertThat(leftovers()).isEmpty();
  }

  /** Issue 18: every feed has a download limit of its own (an Alpine secdb file of 65 MiB is not one). */
  @Test
  void aFeedOverItsDownloadLimitFailsAloneWithOneLine() throws Exception {
    byte[] huge = new byte[65 << 20];
    java.util.Arrays.fill(huge, (byte) ' ');
    server.route("/secdb.json", (ex, hit) -> LoopbackServer.send(ex, 200, huge));
    FeedConfig config = new FeedConfig(List.of(
        FeedConfig.Feed.of("alpine-main", FeedConfig.Format.ALPINE_SECDB_JSON, server.uri("/secdb.json").toString()),
        FeedConfig.Feed.of("kev", FeedConfig.Format.KEV_JSON, server.uri("/kev.json").toString())), 7);
    FeedSync.Outcome o = new FeedSync(config, dir, fast).sync();
    assertThat(o.files()).extracting(f -> f.feed().name()).containsExactly("kev");
    assertThat(o.failures()).hasSize(1);
    assertThat(o.failures().get(0).feed().name()).isEqualTo("alpine-main");
    assertThat(o.failures().get(0).message())
        .isEqualTo(server.uri("/secdb.json") + " is 68157440 bytes, over the limit of 67108864");
    assertThat(leftovers()).isEmpty();
  }

  List<Path> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

}
