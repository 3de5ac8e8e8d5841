package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock db update} against a loopback server serving an OSV zip (built here from the real records
 * in examples/advisories/osv), the real KEV excerpt and a small EPSS file: status, scan with KEV and EPSS,
 * conditional re-download without a rebuild, and {@code --report-new} after the OSV zip gains a record.
 */
class DbUpdateCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Held back from the first OSV zip, added later: minimist's CVE-2020-7598 (a real GHSA record). */
  static final String HELD_BACK = "GHSA-vh95-rmgr-6w4m.json";

  @TempDir Path tmp;

  /** One line of {@code db status}'s source list. */
  record Source(String name, String kind, long records, String importedAt) {}

  static final Pattern SOURCE_LINE = Pattern.compile("^  (\\S+)\\s+(\\S+)\\s+([\\d,]+) records\\s+(\\S+)\\s+(\\S+)$");

  /** Runs {@code db status} and parses its source lines (exit must be 0). */
  static Map<String, Source> status(String cache) {
    Cli.Run r = Cli.run("db", "status", "--cache-dir", cache);
    assertThat(r.exit()).as(r.toString()).isZero();
    Map<String, Source> out = new LinkedHashMap<>();
    boolean inSources = false;
    for (String line : r.out().lines().toList()) {
      if (line.equals("Sources:")) {
        inSources = true;
        continue;
      }
      Matcher m = SOURCE_LINE.matcher(line);
      if (inSources && m.matches()) {
        out.put(m.group(1), new Source(m.group(1), m.group(2), Long.parseLong(m.group(3).replace(",", "")), m.group(4)));
      }
    }
    return out;
  }

  static long kevEntries() throws IOException {
    return JSON.readTree(FeedServer.KEV.toFile()).get("vulnerabilities").size();
  }

  static JsonNode finding(JsonNode report, String id, String purl) {
    for (JsonNode v : report.get("vulnerabilities")) {
      if (v.get("id").asText().equals(id) && v.get("purl").asText().equals(purl)) {
        return v;
      }
    }
    return null;
  }

  @Test
  void updateStatusScanConditionalRefreshAndReportNew() throws Exception {
    String cache = tmp.resolve("cache").toString();
    List<Path> osv = FeedServer.osvFiles(HELD_BACK);
    try (FeedServer server = new FeedServer()) {
      server.put("/osv/all.zip", FeedServer.osvZip(osv));
      server.put("/kev/known_exploited_vulnerabilities.json", java.nio.file.Files.readAllBytes(FeedServer.KEV));
      server.put("/epss/epss_scores-current.csv.gz", FeedServer.epssCsvGz());
      Path cfg = server.config(tmp.resolve("feeds.yaml"),
          "osv-demo", "osv-zip", "/osv/all.zip",
          "kev", "kev-json", "/kev/known_exploited_vulnerabilities.json",
          "epss", "epss-csv-gz", "/epss/epss_scores-current.csv.gz");

      Cli.Run update = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(update.exit()).as(update.toString()).isZero();
      assertThat(server.hits()).hasSize(3).allSatisfy(h -> {
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.conditional()).isFalse();
      });

      Map<String, Source> st = status(cache);
      assertThat(st.keySet()).containsExactlyInAnyOrder("osv-demo", "kev", "epss");
      assertThat(st.get("osv-demo").records()).isEqualTo(osv.size());
      assertThat(st.get("kev").records()).isEqualTo(kevEntries());
      assertThat(st.get("epss").records()).isEqualTo(FeedServer.EPSS_ROWS.size());

      // scan without --advisories: the store in the cache directory
      Path image = java.nio.file.Files.copy(DemoImageCliTest.DEMO, tmp.resolve("demo.tar"));
      Cli.Run scan = Cli.run("scan", image.toString(), "--cache-dir", cache, "-f", "json", "-q");
      assertThat(scan.exit()).as(scan.toString()).isZero();
      JsonNode report = JSON.readTree(scan.stdout());
      JsonNode log4shell = finding(report, "CVE-2021-44228", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
      assertThat(log4shell).as("log4j CVE-2021-44228 in %s", report.get("vulnerabilities")).isNotNull();
      assertThat(log4shell.get("kev").asBoolean()).isTrue();
      String[] epssRow = FeedServer.EPSS_ROWS.get(0);
      assertThat(epssRow[0]).isEqualTo("CVE-2021-44228");
      assertThat(log4shell.get("epss").asDouble()).isEqualTo(Double.parseDouble(epssRow[1]));
      assertThat(log4shell.get("epssPercentile").asDouble()).isEqualTo(Double.parseDouble(epssRow[2]));
      assertThat(finding(report, "CVE-2020-7598", "pkg:npm/minimist@1.2.0")).as("held back").isNull();
      assertThat(finding(report, "CVE-2021-44906", "pkg:npm/minimist@1.2.0")).isNotNull();

      // nothing changed on the server: conditional requests, 304s, and the store is not rebuilt
      server.clearHits();
      Cli.Run again = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache);
      assertThat(again.exit()).as(again.toString()).isZero();
      assertThat(server.hits()).hasSize(3).allSatisfy(h -> {
        assertThat(h.conditional()).as(h.toString()).isTrue();
        assertThat(h.status()).as(h.toString()).isEqualTo(304);
      });
      assertThat(again.err()).contains("not modified");
      assertThat(status(cache)).isEqualTo(st);

      // the OSV zip gains a real record for minimist 1.2.0: --report-new names the new finding
      server.put("/osv/all.zip", FeedServer.osvZip(FeedServer.osvFiles()));
      server.clearHits();
      Cli.Run fresh = Cli.run("db", "update", "--config", cfg.toString(), "--cache-dir", cache, "--report-new");
      assertThat(fresh.exit()).as(fresh.toString()).isZero();
      assertThat(server.hits()).filteredOn(h -> h.path().equals("/osv/all.zip"))
          .singleElement().satisfies(h -> {
            assertThat(h.conditional()).isTrue();
            assertThat(h.status()).isEqualTo(200);
          });
      List<String[]> lines = new ArrayList<>();
      fresh.out().lines().forEach(l -> lines.add(l.split("\t")));
      assertThat(lines).as(fresh.toString()).hasSize(1);
      String[] line = lines.get(0);
      assertThat(line[0]).contains("demo.tar");
      assertThat(line[1]).isEqualTo("CVE-2020-7598");
      assertThat(line[2]).isEqualTo("pkg:npm/minimist@1.2.0");

      Map<String, Source> after = status(cache);
      assertThat(after.get("osv-demo").records()).isEqualTo(osv.size() + 1);
      assertThat(after.get("kev")).isEqualTo(st.get("kev"));
      assertThat(after.get("epss")).isEqualTo(st.get("epss"));
    }
  }
}
