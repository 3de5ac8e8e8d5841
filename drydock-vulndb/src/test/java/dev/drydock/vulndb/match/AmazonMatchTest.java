package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon Linux 2 / 2023 matching against real ALAS records (src/test/resources/match/amazon-alas/, FIXTURES.md there)
 * imported into a real store by content detection; the inventory is the one of {@code oracle.py} there (real package
 * names, versions and source rpms of published Amazon Linux 2 and 2023 builds), the expected findings its
 * {@code expected.tsv}.
 */
class AmazonMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final List<String> FILES = List.of("ALAS2-2018-949.json", "ALAS2023-2023-001.json",
      "ALAS2GOLANG1.19-2023-001.json");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importAlas() {
    report = Imports.importPaths(List.of(Feeds.dir("amazon-alas")), cache); // the folder: its oracle files are skipped
    store = VulnStore.open(cache);
  }

  static OsInfo amzn(String version) {
    return new OsInfo("amzn", version, null, "Amazon Linux " + version, "etc/os-release");
  }

  static InstalledPackage rpm(String name, String evr, String sourceRpm) {
    String[] src = sourceRpm.replaceAll("\\.src\\.rpm$", "").split("-(?=[^-]+-[^-]+$)", 2);
    Package p = new Package(Ecosystem.RPM, null, name, evr, src[0], src[1], "x86_64", List.of(), "var/lib/rpm",
        Map.of("sourceRpm", sourceRpm));
    return new InstalledPackage("pkg:rpm/amzn/" + name + "@" + evr, p, 0, "sha256:" + "ab".repeat(32),
        "ADD rootfs.tar /", List.of("var/lib/rpm"));
  }

  @Test
  void theCoreAdvisoriesAreImportedUnderTheirReleaseAndTheExtrasTopicIsSkippedWithItsReason() {
    assertThat(report.imported()).extracting(r -> Path.of(r.location()).getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(FILES);
    assertThat(report.imported()).allSatisfy(r -> assertThat(r.format()).isEqualTo("amazon-alas"));
    assertThat(report.imported().stream().mapToLong(ImportResult::records).sum()).isEqualTo(2);
    ImportResult golang = report.imported().stream().filter(r -> r.location().endsWith("ALAS2GOLANG1.19-2023-001.json"))
        .findFirst().orElseThrow();
    assertThat(golang.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).endsWith("ALAS2GOLANG1.19-2023-001.json ALAS2GOLANG1.19-2023-001");
      assertThat(s.reason()).startsWith("Amazon Linux 2 Extras advisory (topic golang1.19)");
    });
    assertThat(store.advisories("Amazon Linux:2", "java-1.8.0-openjdk-headless")).singleElement()
        .satisfies(r -> assertThat(r.id()).isEqualTo("ALAS2-2018-949"));
    assertThat(store.advisories("Amazon Linux:2023", "rsyslog")).singleElement()
        .satisfies(r -> assertThat(r.aliases()).containsExactly("CVE-2014-3634", "CVE-2022-24903"));
    // the Extras topic's golang is not an Amazon Linux 2 core advisory
    assertThat(store.advisories("Amazon Linux:2", "golang")).isEmpty();
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("amazon-alas");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(12);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      for (Vulnerability v : new Matcher().match(List.of(rpm(row[1], row[2], row[3])), amzn(row[0]), store, NOW)) {
        actual.add(String.join("\t", row[0], v.packageName(), v.installedVersion(), v.id(),
            String.join(",", v.aliases()), v.status().name(), String.join(",", v.fixedVersions()), v.vendorSeverity()));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theVendorsImportantIsHighAndTheAdvisoryPageIsLinked() {
    List<Vulnerability> v = new Matcher().match(List.of(rpm("java-1.8.0-openjdk-headless", "1:1.8.0.151-1.b12.amzn2",
        "java-1.8.0-openjdk-1.8.0.151-1.b12.amzn2.src.rpm")), amzn("2"), store, NOW);
    assertThat(v).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(dev.drydock.model.Severity.HIGH);
      assertThat(f.links()).contains("https://alas.aws.amazon.com/AL2/ALAS-2018-949.html");
    });
  }

  @Test
  void anAmazonLinux2PackageNeverTakesA2023AdvisoryAndAReleaseWithoutDataIsNotChecked() {
    // the same rsyslog build on Amazon Linux 2: the store holds no Amazon Linux 2 rsyslog advisory
    InstalledPackage rsyslog = rpm("rsyslog", "8.2204.0-3.amzn2023.0.1", "rsyslog-8.2204.0-3.amzn2023.0.1.src.rpm");
    assertThat(new Matcher().match(List.of(rsyslog), amzn("2"), store, NOW)).isEmpty();
    assertThat(Coverages.of(List.of(rsyslog), amzn("2022"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).startsWith("no advisory data for amzn 2022");
        });
    assertThat(Coverages.of(List.of(rsyslog), amzn("2023"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    // Amazon Linux AMI (2018.03) is not matched at all
    assertThat(Coverages.of(List.of(rsyslog), amzn("2018.03"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.reason()).contains("Amazon Linux packages only"));
  }
}
