package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AlmaLinux matching against AlmaLinux's real OSV errata (src/test/resources/match/almalinux-osv/, FIXTURES.md
 * there), imported into a real store by content detection. Expected findings: {@code expected.tsv} there, written
 * by {@code oracle.py} from the OSV schema and AlmaLinux's errata conventions.
 */
class AlmaLinuxMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importRecords() {
    report = Imports.importPaths(List.of(Feeds.dir("almalinux-osv")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo alma(String version) {
    return new OsInfo("almalinux", version, null, "AlmaLinux " + version, "etc/os-release");
  }

  /** An installed binary rpm as the rpm analyzer reports it (AlmaLinux names binary rpms, not the source rpm). */
  static InstalledPackage rpm(String name, String source, String evr, String modularityLabel) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (modularityLabel != null) {
      attrs.put("modularitylabel", modularityLabel);
    }
    String srcVersion = evr.contains(":") ? evr.substring(evr.indexOf(':') + 1) : evr;
    Package p = new Package(Ecosystem.RPM, null, name, evr, source, srcVersion, "x86_64", List.of(),
        "var/lib/rpm/rpmdb.sqlite", attrs);
    return new InstalledPackage("pkg:rpm/almalinux/" + name + "@" + evr, p, 0, "sha256:" + "ef".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void importReadsEveryErratumIncludingTheBugFixOne() {
    assertThat(report.records()).isEqualTo(4);
    assertThat(store.sources()).singleElement().satisfies(s -> assertThat(s.contents()).containsKey("AlmaLinux:8"));
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("almalinux-osv");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(7);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      // a real label has four fields (name:stream:version:context); drydock reads name:stream
      String label = row[3].isEmpty() ? null : row[3] + ":8030020210101000000:deadbeef";
      String source = row[1].replaceAll("-(libs|server)$", "");
      for (Vulnerability v : new Matcher().match(List.of(rpm(row[1], source, row[2], label)), alma(row[0] + ".5"),
          store, NOW)) {
        assertThat(v.sources()).containsExactly("almalinux");
        actual.add(String.join("\t", row[0], v.packageName(), v.installedVersion(), row[3], v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), String.join(",", v.aliases()), v.vendorSeverity()));
      }
    }
    assertThat(expected).hasSize(4);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aFindingCarriesTheErratumLinkAndTheErratumSeverity() {
    List<Vulnerability> found = new Matcher().match(List.of(rpm("openssl-libs", "openssl", "1:1.1.1k-4.el8", null)),
        alma("8.5"), store, NOW);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("CVE-2022-0778");
      assertThat(v.aliases()).containsExactly("ALSA-2022:1065");
      assertThat(v.severity()).isEqualTo(dev.drydock.model.Severity.HIGH);
      assertThat(v.links()).contains("https://errata.almalinux.org/8/ALSA-2022-1065.html");
    });
  }

  @Test
  void aModuleBuildWithoutItsLabelAndAReleaseWithoutDataAreNotChecked() {
    InstalledPackage unlabelled = rpm("mariadb-server", "mariadb", "3:10.3.28-1.module_el8.3.0+2177+7adc332a", null);
    assertThat(PackageQuery.of(unlabelled, alma("8.5"))).isEmpty();
    assertThat(Coverages.of(List.of(unlabelled), alma("8.5"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isFalse());
    InstalledPackage ssl = rpm("openssl-libs", "openssl", "1:3.0.1-43.el9_0", null);
    assertThat(Coverages.of(List.of(ssl), alma("9.1"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for almalinux 9.1: 1 package not checked");
        });
    assertThat(Coverages.of(List.of(rpm("openssl-libs", "openssl", "1:1.1.1k-4.el8", null)), alma("8.5"), store, NOW,
        100000).coverage()).singleElement().satisfies(c -> assertThat(c.checked()).isTrue());
  }

  @Test
  void streamsAndSeverityAreReadFromTheErratumTitle() {
    assertThat(Rebuilds.streams("Moderate: mariadb:10.3 security, bug fix, and enhancement update"))
        .containsExactly("mariadb:10.3");
    assertThat(Rebuilds.streams("Important: openssl security update")).isEmpty();
    assertThat(Rebuilds.severity("Important: openssl security update")).isEqualTo("Important");
    assertThat(Rebuilds.severity("krb5 bug fix and enhancement update")).isNull();
    assertThat(PackageQuery.rebuildEcosystem(alma("9.4"))).isEqualTo("AlmaLinux:9");
    assertThat(PackageQuery.rebuildEcosystem(new OsInfo("rocky", "9.4", null, "Rocky", "etc/os-release")))
        .isEqualTo("Rocky Linux:9");
    assertThat(PackageQuery.rebuildEcosystem(new OsInfo("ol", "9.4", null, "Oracle", "etc/os-release")))
        .isEqualTo("Oracle Linux:9");
    assertThat(PackageQuery.rebuildEcosystem(new OsInfo("centos", "7", null, "CentOS", "etc/os-release"))).isNull();
  }
}
