package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock db update} fails loudly (issue 10): a feed whose checksum does not match fails, leaves the
 * store as it was and makes the update exit non-zero naming the feed; a {@code file://} mirror works; with
 * nothing reachable (a closed loopback port, a host name under {@code .invalid}) it fails within seconds.
 */
class DbUpdateFailsLoudlyCliTest {
  @TempDir Path tmp;

  private static String sha256(Path file) throws IOException {
    return FeedServer.sha256(Files.readAllBytes(file));
  }

  /** A feed list with a KEV feed checked against a sidecar digest and an EPSS feed. */
  private static Path config(Path file, FeedServer server) throws IOException {
    return Files.writeString(file, String.join("\n",
        "feeds:",
        "  - name: kev",
        "    format: kev-json",
        "    url: " + server.url("/kev.json"),
        "    sha256-url: " + server.url("/kev.json.sha256"),
        "  - name: epss",
        "    format: epss-csv-gz",
        "    url: " + server.url("/epss.csv.gz"),
        ""));
  }

  @Test
  void checksumMismatchFailsTheFeedNamesItAndLeavesTheStoreAsItWas() throws Exception {
    String cache = tmp.resolve("cache").toString();
    byte[] kev = Files.readAllBytes(FeedServer.KEV);
    try (FeedServer server = new FeedServer()) {
      server.put("/kev.json", kev);
      server.put("/kev.json.sha256", (FeedServer.sha256(kev) + "  known_exploited_vulnerabilities.json\n").getBytes());
      server.put("/epss.csv.gz", FeedServer.epssCsvGz());
      Path cfg = config(tmp.resolve("feeds.yaml"), server);
      Cli.Run first = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(first.exit()).as(first.toString()).isZero();
      Path store = Path.of(cache, "vulndb.sqlite");
      String before = sha256(store);
      Map<String, DbUpdateCliTest.Source> status = DbUpdateCliTest.status(cache);

      // the KEV file changes on the mirror but its published digest does not: someone tampered with it
      byte[] tampered = new String(kev, java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"knownRansomwareCampaignUse\": \"Known\"", "\"knownRansomwareCampaignUse\": \"Unknown\"")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(tampered).isNotEqualTo(kev);
      server.put("/kev.json", tampered);
      Cli.Run second = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(second.exit()).as(second.toString()).isEqualTo(1);
      assertThat(second.err()).contains("kev").contains("checksum mismatch").contains("1 of 2 feeds failed");
      assertThat(sha256(store)).as("store file").isEqualTo(before);
      assertThat(DbUpdateCliTest.status(cache)).isEqualTo(status);
      assertThat(Files.readAllBytes(Path.of(cache, "feeds", "kev.json"))).as("local copy kept").isEqualTo(kev);
    }
  }

  @Test
  void everyFeedFailingExitsTwoAndNamesEachFeed() throws Exception {
    String cache = tmp.resolve("cache").toString();
    try (FeedServer server = new FeedServer()) {
      byte[] kev = Files.readAllBytes(FeedServer.KEV);
      server.put("/kev.json", kev);
      server.put("/kev.json.sha256", ("0".repeat(64) + "\n").getBytes());
      Path cfg = config(tmp.resolve("feeds.yaml"), server); // no /epss.csv.gz: HTTP 404
      Cli.Run r = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(r.exit()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("kev: checksum mismatch").contains("epss: HTTP 404")
          .contains("2 of 2 feeds failed");
      assertThat(Path.of(cache, "vulndb.sqlite")).doesNotExist();
    }
  }

  @Test
  void fileMirrorWorks() throws Exception {
    // a mirror laid out like docs/feeds.md says: <mirror>/<host>/<path>
    Path mirror = tmp.resolve("mirror dir");
    Path kev = mirror.resolve("feeds.example/cisa/kev.json");
    Files.createDirectories(kev.getParent());
    Files.copy(FeedServer.KEV, kev);
    Path cfg = Files.writeString(tmp.resolve("feeds.yaml"), String.join("\n",
        "feeds:",
        "  - name: kev",
        "    format: kev-json",
        "    url: https://feeds.example/cisa/kev.json",
        ""));
    String cache = tmp.resolve("cache").toString();
    Cli.Run r = Cli.run("db", "update", "--config", cfg.toString(), "--mirror", mirror.toUri().toString(),
        "--cache-dir", cache);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(DbUpdateCliTest.status(cache).get("kev").records()).isEqualTo(DbUpdateCliTest.kevEntries());

    // a mirror given in the configuration file, and the same file again: not modified, no rebuild
    Path cfg2 = Files.writeString(tmp.resolve("feeds2.yaml"), "mirror: " + mirror.toUri() + "\n"
        + Files.readString(cfg));
    String storeSha = sha256(Path.of(cache, "vulndb.sqlite"));
    Cli.Run again = Cli.run("db", "update", "--config", cfg2.toString(), "--cache-dir", cache);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(sha256(Path.of(cache, "vulndb.sqlite"))).isEqualTo(storeSha);

    // a file missing from the mirror is a failed feed, named
    Files.delete(kev);
    Cli.Run gone = Cli.run("db", "update", "--config", cfg2.toString(), "--cache-dir", cache);
    assertThat(gone.exit()).as(gone.toString()).isEqualTo(2);
    assertThat(gone.err()).contains("kev: ").contains("does not exist");
  }

  @Test
  void aFeedThatCannotBeImportedFailsAloneAndKeepsItsPreviousData() throws Exception {
    String cache = tmp.resolve("cache").toString();
    byte[] kev = Files.readAllBytes(FeedServer.KEV);
    try (FeedServer server = new FeedServer()) {
      server.put("/kev.json", kev);
      server.put("/epss.csv.gz", FeedServer.epssCsvGz());
      Path cfg = server.config(tmp.resolve("feeds.yaml"), "kev", "kev-json", "/kev.json",
          "epss", "epss-csv-gz", "/epss.csv.gz");
      assertThat(Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache).exit()).isZero();
      Map<String, DbUpdateCliTest.Source> before = DbUpdateCliTest.status(cache);
      // the KEV URL now answers with a captive portal's page; EPSS has a new file
      server.put("/kev.json", "<html><body>Please log in to the hotel Wi-Fi</body></html>".getBytes());
      // (one more row, a test value like the others)
      String csv = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
          FeedServer.epssCsvGz())).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + "CVE-2020-7598,0.00100,0.30000\n";
      java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
        out.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      server.put("/epss.csv.gz", gz.toByteArray());
      Cli.Run r = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(r.exit()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).contains("drydock: feed kev: ").contains("1 of 2 feeds failed (kev)");
      Map<String, DbUpdateCliTest.Source> after = DbUpdateCliTest.status(cache);
      assertThat(after.get("kev")).as("previous KEV rows kept").isEqualTo(before.get("kev"));
      assertThat(after.get("epss").records()).as("the other feed landed").isEqualTo(FeedServer.EPSS_ROWS.size() + 1);
    }
  }

  @Test
  void debianDsaAndDlaListsImportWithTheirRecords() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("security-tracker/data"));
    for (String list : List.of("DSA", "DLA")) {
      Files.createDirectories(data.resolve(list));
      Files.copy(Path.of("../drydock-vulndb/src/test/resources/feeds/debian-dsa/" + list + "-list"),
          data.resolve(list).resolve("list"));
    }
    String cache = tmp.resolve("cache").toString();
    Cli.Run r = Cli.run("db", "import", data.toString(), "--cache-dir", cache);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("imported 48 records of debian-advisory-list from 2 files");
    // a directory in which nothing is a feed is bad input, not "0 records"
    Path notes = Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(notes.resolve("README"), "advisories go here\n");
    Cli.Run none = Cli.run("db", "import", notes.toString(), "--cache-dir", cache);
    assertThat(none.exit()).as(none.toString()).isEqualTo(2);
    assertThat(none.err()).contains(notes.toString()).contains("no known vulnerability feed");
  }

  @Test
  void badMirrorUrlIsBadInput() {
    Cli.Run r = Cli.run("db", "update", "--mirror", "ftp://mirror.example/feeds", "--cache-dir",
        tmp.resolve("cache").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("--mirror").contains("ftp://mirror.example/feeds");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void refusedMirrorFailsWithinSeconds() throws Exception {
    offline("http://127.0.0.1:" + closedPort() + "/");
  }

  @Test
  void unresolvableMirrorFailsWithinSeconds() throws Exception {
    offline("https://feeds.drydock.invalid/");
  }

  /** Every default feed through an unreachable mirror: exit 2, each feed named, well under 15 s. */
  private void offline(String mirror) {
    long t0 = System.nanoTime();
    Cli.Run r = Cli.run("db", "update", "--mirror", mirror, "--cache-dir", tmp.resolve("cache").toString());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(took).as(r.toString()).isLessThan(Duration.ofSeconds(15));
    for (String feed : List.of("osv-Maven", "osv-Ubuntu", "osv-AlmaLinux", "osv-Rocky-Linux", "oracle-elsa",
        "debian-tracker", "alpine-v3.22-community", "wolfi-os", "kev", "epss", "eol-ubuntu", "suse-csaf-vex")) {
      assertThat(r.err()).contains(feed + ": ");
    }
    int n = dev.drydock.vulndb.fetch.FeedConfig.defaults().feeds().size(); // 38 with amazon-linux-2 and -2023, osv-AlmaLinux, osv-Rocky-Linux, oracle-elsa; 41 with photon-3.0/4.0/5.0
    assertThat(n).isEqualTo(41);
    assertThat(r.err()).contains(n + " of " + n + " feeds failed").contains("amazon-linux-2023: ");
  }
}
