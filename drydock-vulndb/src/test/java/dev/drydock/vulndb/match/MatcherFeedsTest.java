package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Language ecosystems against real GHSA / OSV / PyPA / Go vulndb records. The expected findings were
 * computed independently by src/test/resources/match/expected.py (packaging + naive SemVer/Maven order).
 */
class MatcherFeedsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static ListAdvisorySource source;

  @BeforeAll
  static void load() {
    source = new ListAdvisorySource(Feeds.osvRecords(), Feeds.kev(), Map.of());
  }

  private static List<String[]> tsv(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Feeds.dir("").resolve(name))) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  @Test
  void everyProbedVersionReportsExactlyTheAdvisoriesWhoseRangesContainIt() throws IOException {
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    List<String[]> probes = tsv("inventory.tsv");
    for (String[] p : probes) {
      expected.put(p[0] + " " + p[1] + " " + p[2], new TreeSet<>());
    }
    for (String[] r : tsv("expected.tsv")) {
      expected.get(r[0] + " " + r[1] + " " + r[2]).add(r[3] + " " + r[4] + " [" + r[5] + "]");
    }
    assertThat(probes).hasSizeGreaterThan(50);
    Map<String, TreeSet<String>> actual = new TreeMap<>();
    Matcher matcher = new Matcher();
    for (String[] p : probes) {
      TreeSet<String> got = new TreeSet<>();
      for (Vulnerability v : matcher.match(List.of(Feeds.pkg(p[0], p[1], p[2])), null, source, NOW)) {
        got.add(v.id() + " " + v.status() + " [" + String.join(",", new TreeSet<>(v.fixedVersions())) + "]");
      }
      actual.put(p[0] + " " + p[1] + " " + p[2], got);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void log4jCoreReportsLog4ShellWithKevAndFixVersion() {
    List<Vulnerability> found = new Matcher().match(
        List.of(Feeds.pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1")), null, source, NOW);
    Vulnerability log4shell = found.stream().filter(v -> v.id().equals("CVE-2021-44228")).findFirst().orElseThrow();
    assertThat(log4shell.aliases()).contains("GHSA-jfh8-c2jp-5v3q");
    assertThat(log4shell.fixedVersions()).containsExactly("2.15.0");
    assertThat(log4shell.status()).isEqualTo(Status.FIXED);
    assertThat(log4shell.kev()).isTrue();
    assertThat(log4shell.kevDueDate()).isEqualTo("2021-12-24");
    assertThat(log4shell.cvss()).isNotEmpty();
    assertThat(log4shell.cvss().get(0).score()).isEqualTo(10.0);
    assertThat(log4shell.severity()).isEqualTo(dev.drydock.model.Severity.CRITICAL);
    assertThat(log4shell.riskScore()).isEqualTo(100.0);
    assertThat(log4shell.packageName()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(log4shell.layerIndex()).isEqualTo(2);
    assertThat(log4shell.locations()).containsExactly("app/lib/log4j-core-2.14.1.jar");
    // KEV findings rank first
    assertThat(found.get(0).kev()).isTrue();
  }

  @Test
  void pypaAndGhsaRecordsOfOneCveMergeIntoOneFinding() {
    InstalledPackage jinja = Feeds.pkg("PyPI", "Jinja2", "2.10");
    List<Vulnerability> found = new Matcher().match(List.of(jinja), null, source, NOW);
    // CVE-2019-10906 is PYSEC-2019-217 in PyPA and GHSA-462w-v97r-4m45 in GitHub's database
    Vulnerability sandbox = found.stream().filter(v -> v.id().equals("CVE-2019-10906")).findFirst().orElseThrow();
    assertThat(sandbox.aliases()).contains("GHSA-462w-v97r-4m45", "PYSEC-2019-217");
    assertThat(sandbox.sources()).containsExactly("osv:GHSA", "osv:PyPA");
    assertThat(sandbox.aliases()).isSorted();
    assertThat(found.stream().map(Vulnerability::id)).doesNotHaveDuplicates()
        .noneMatch(id -> id.startsWith("PYSEC-2019-217") || id.equals("GHSA-462w-v97r-4m45"));
  }
}
