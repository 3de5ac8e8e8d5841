package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.ImportReport;
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
 * Rocky Linux matching against Rocky Linux's real OSV errata (src/test/resources/match/rocky-osv/, FIXTURES.md
 * there), imported into a real store by content detection. Expected findings: {@code expected.tsv} there, written by
 * {@code oracle.py} from the OSV schema and Rocky Linux's errata conventions. Rocky names source rpms: each
 * inventory row is installed as a binary rpm of that source rpm.
 */
class RockyLinuxMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final Map<String, String> BINARY = Map.of("java-11-openjdk", "java-11-openjdk-headless",
      "openssl", "openssl-libs", "ruby", "ruby-libs");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importRecords() {
    report = Imports.importPaths(List.of(Feeds.dir("rocky-osv")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo rocky(String version) {
    return new OsInfo("rocky", version, null, "Rocky Linux " + version, "etc/os-release");
  }

  @Test
  void importReadsBothErrata() {
    assertThat(report.records()).isEqualTo(2);
    assertThat(store.sources()).singleElement().satisfies(s -> assertThat(s.contents())
        .containsKeys("Rocky Linux:8", "Rocky Linux:9"));
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("rocky-osv");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(6);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      String label = row[3].isEmpty() ? null : row[3] + ":9040020240101000000:deadbeef";
      InstalledPackage ip = AlmaLinuxMatchTest.rpm(BINARY.get(row[1]), row[1], row[2], label);
      for (Vulnerability v : new Matcher().match(List.of(ip), rocky(row[0] + ".4"), store, NOW)) {
        assertThat(v.sources()).containsExactly("rocky");
        actual.add(String.join("\t", row[0], v.packageName(), v.installedVersion(), row[3], v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), String.join(",", v.aliases()), v.vendorSeverity()));
      }
    }
    assertThat(expected).hasSize(10);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theRecordsCvssVectorGivesTheSeverityAndTheErratumItsVendorRating() {
    List<Vulnerability> found = new Matcher().match(List.of(AlmaLinuxMatchTest.rpm("java-11-openjdk-headless",
        "java-11-openjdk", "1:11.0.12.0.7-0.el8_4", null)), rocky("8.4"), store, NOW);
    assertThat(found).hasSize(10).allSatisfy(v -> {
      assertThat(v.cvss()).isNotEmpty();
      assertThat(v.vendorSeverity()).isEqualTo("Important");
      assertThat(v.aliases()).containsExactly("RLSA-2021:3891");
      assertThat(v.links()).contains("https://errata.rockylinux.org/RLSA-2021:3891");
    });
  }

  @Test
  void rockyIsMatchedBySourceRpmAndAReleaseWithoutDataIsNotChecked() {
    InstalledPackage ssl = AlmaLinuxMatchTest.rpm("openssl-libs", "openssl", "1:1.1.1k-4.el8", null);
    assertThat(PackageQuery.of(ssl, rocky("8.5"))).get().satisfies(q -> {
      assertThat(q.ecosystem()).isEqualTo("Rocky Linux:8");
      assertThat(q.name()).isEqualTo("openssl");
    });
    assertThat(Coverages.of(List.of(ssl), rocky("8.5"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    assertThat(Coverages.of(List.of(ssl), rocky("10.0"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for rocky 10.0: 1 package not checked");
        });
  }

  @Test
  void theSchemasUpstreamListIsReadWithRelated() throws IOException {
    // Rocky Linux's newer records name the CVEs in upstream; a real record with upstream: Ubuntu's USN
    dev.drydock.vulndb.osv.OsvRecord usn = Feeds.JSON.readValue(
        Feeds.dir("ubuntu").resolve("USN-6859-1.json").toFile(), dev.drydock.vulndb.osv.OsvRecord.class);
    assertThat(usn.related()).contains("UBUNTU-CVE-2024-6387");
  }
}
