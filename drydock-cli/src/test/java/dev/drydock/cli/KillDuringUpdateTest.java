package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code drydock db update} killed with SIGKILL (a real subprocess, {@link Process#destroyForcibly()})
 * while it imports, or while it downloads, leaves {@code db status} and {@code scan} working on the previous
 * store; the next update succeeds and removes what the killed one left behind.
 */
class KillDuringUpdateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  /** Enough records that importing them takes a few seconds. */
  private static final int BIG = 10_000;

  @TempDir Path tmp;
  private FeedServer server;
  private Path cache;
  private Map<String, DbUpdateCliTest.Source> before;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void previousStore() throws IOException {
    cache = tmp.resolve("cache");
    server = new FeedServer();
    server.put("/osv.zip", FeedServer.osvZip(FeedServer.osvFiles(DbUpdateCliTest.HELD_BACK)));
    server.put("/kev.json", Files.readAllBytes(FeedServer.KEV));
    server.put("/epss.csv.gz", FeedServer.epssCsvGz());
    Path cfg = server.config(tmp.resolve("cfg1.yaml"), "osv", "osv-zip", "/osv.zip", "kev", "kev-json", "/kev.json",
        "epss", "epss-csv-gz", "/epss.csv.gz");
    Cli.Run r = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    before = DbUpdateCliTest.status(cache.toString());
    assertThat(before.keySet()).containsExactlyInAnyOrder("osv", "kev", "epss");
    assertThat(before.get("osv").records()).isEqualTo(FeedServer.osvFiles(DbUpdateCliTest.HELD_BACK).size());
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
    server.close();
  }

  /** {@code drydock db update --config cfg --cache-dir cache} in its own JVM. */
  private Process startUpdate(Path cfg, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.drydock.cli.Main", "db", "update", "--config", cfg.toString(), "--cache-dir", cache.toString())
        .redirectOutput(tmp.resolve(name + ".out").toFile())
        .redirectError(tmp.resolve(name + ".err").toFile());
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static List<Path> matching(Path dir, String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(out::add);
    }
    return out;
  }

  /** Waits until a file matching {@code glob} in {@code dir} has at least {@code minBytes}; fails if the process ends first. */
  private Path await(Process p, Path dir, String glob, long minBytes, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (System.nanoTime() < deadline) {
      for (Path f : matching(dir, glob)) {
        try {
          if (Files.size(f) >= minBytes) {
            return f;
          }
        } catch (IOException gone) {
          // renamed or deleted between listing and size
        }
      }
      if (!p.isAlive()) {
        throw new AssertionError("db update ended (exit " + p.exitValue() + ") before " + glob + " appeared: "
            + Files.readString(tmp.resolve(name + ".err")));
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + glob + " in " + dir + " within 40 s");
  }

  private void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL on Linux and macOS
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("killed, not finished").isNotZero();
  }

  /** db status shows the previous sources unchanged, and a scan still finds log4j from the previous store. */
  private void previousStoreStillWorks() throws IOException {
    assertThat(DbUpdateCliTest.status(cache.toString())).isEqualTo(before);
    Path image = tmp.resolve("demo.tar");
    if (!Files.exists(image)) {
      Files.copy(DemoImageCliTest.DEMO, image);
    }
    Cli.Run scan = Cli.run("scan", image.toString(), "--cache-dir", cache.toString(), "-f", "json", "-q");
    assertThat(scan.exit()).as(scan.toString()).isZero();
    JsonNode report = JSON.readTree(scan.stdout());
    JsonNode log4shell = DbUpdateCliTest.finding(report, "CVE-2021-44228", LOG4J);
    assertThat(log4shell).as("log4j CVE-2021-44228 from the previous store").isNotNull();
    assertThat(log4shell.get("kev").asBoolean()).isTrue();
    assertThat(report.get("warnings").toString()).doesNotContain("no vulnerability store");
  }

  @Test
  void killDuringImportKeepsThePreviousStoreAndTheNextUpdateFinishesTheJob() throws Exception {
    server.put("/big.zip", FeedServer.bigOsvZip(BIG));
    Path cfg2 = server.config(tmp.resolve("cfg2.yaml"), "osv", "osv-zip", "/big.zip", "kev", "kev-json", "/kev.json",
        "epss", "epss-csv-gz", "/epss.csv.gz");
    Process p = startUpdate(cfg2, "import");
    // StoreBuilder builds vulndb.sqlite.<random hex>.tmp beside the store; let the import get going
    Path temp = await(p, cache, "vulndb.sqlite.*.tmp", 1, "import");
    Thread.sleep(400);
    assertThat(p.isAlive()).as("still importing %s", BIG).isTrue();
    kill(p);
    assertThat(matching(cache, "vulndb.sqlite.*.tmp")).as("the killed build's temp store").contains(temp);

    previousStoreStillWorks();

    Cli.Run next = Cli.run("db", "update", "--config", cfg2.toString(), "--cache-dir", cache.toString());
    assertThat(next.exit()).as(next.toString()).isZero();
    assertThat(matching(cache, "vulndb.sqlite.*.tmp")).as("leftover temp store removed").isEmpty();
    Map<String, DbUpdateCliTest.Source> after = DbUpdateCliTest.status(cache.toString());
    assertThat(after.get("osv").records()).as("the downloaded big zip is in the store").isEqualTo(BIG);
    assertThat(after.get("kev").records()).isEqualTo(before.get("kev").records());
  }

  @Test
  void killDuringDownloadKeepsThePreviousStoreAndFeedFile() throws Exception {
    Path feeds = cache.resolve("feeds");
    String feedSha = FeedServer.sha256(Files.readAllBytes(feeds.resolve("osv.zip")));
    // a changed OSV zip served slowly: 64 KiB every 20 ms
    byte[] slow = FeedServer.bigOsvZip(2_000);
    server.putThrottled("/slow.zip", slow, 64 * 1024, 20);
    Path cfg3 = server.config(tmp.resolve("cfg3.yaml"), "osv", "osv-zip", "/slow.zip", "kev", "kev-json", "/kev.json",
        "epss", "epss-csv-gz", "/epss.csv.gz");
    Process p = startUpdate(cfg3, "download");
    Path part = await(p, feeds, ".osv.zip.*.part", 128 * 1024, "download");
    kill(p);
    assertThat(matching(feeds, ".osv.zip.*.part")).as("the killed download's partial file").contains(part);
    assertThat(matching(cache, "vulndb.sqlite.*.tmp")).as("no store build had started").isEmpty();
    assertThat(FeedServer.sha256(Files.readAllBytes(feeds.resolve("osv.zip")))).as("previous feed file").isEqualTo(feedSha);

    previousStoreStillWorks();

    // the server now has the complete zip with one more real record, served at full speed
    server.put("/slow.zip", FeedServer.osvZip(FeedServer.osvFiles()));
    Cli.Run next = Cli.run("db", "update", "--config", cfg3.toString(), "--cache-dir", cache.toString());
    assertThat(next.exit()).as(next.toString()).isZero();
    assertThat(matching(feeds, ".osv.zip.*.part")).as("leftover partial download removed").isEmpty();
    assertThat(DbUpdateCliTest.status(cache.toString()).get("osv").records())
        .isEqualTo(before.get("osv").records() + 1);
  }
}
