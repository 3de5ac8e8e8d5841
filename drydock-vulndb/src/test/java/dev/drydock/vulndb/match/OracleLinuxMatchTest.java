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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle Linux matching against real ELSA OVAL definitions (src/test/resources/match/oracle-oval/, FIXTURES.md
 * there) imported by content detection through {@code OracleOvalImporter}. Expected findings: {@code expected.tsv}
 * there, written by {@code oracle.py}, which evaluates the OVAL criteria trees itself.
 */
class OracleLinuxMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importDefinitions() {
    report = Imports.importPaths(List.of(Feeds.dir("oracle-oval")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo ol(String version) {
    return new OsInfo("ol", version, null, "Oracle Linux Server " + version, "etc/os-release");
  }

  static InstalledPackage rpm(String name, String evr, String arch, String label) {
    Map<String, String> attrs = label == null ? Map.of() : Map.of("modularitylabel", label);
    String srcVersion = evr.contains(":") ? evr.substring(evr.indexOf(':') + 1) : evr;
    Package p = new Package(Ecosystem.RPM, null, name, evr, name, srcVersion, arch, List.of(),
        "var/lib/rpm/rpmdb.sqlite", attrs);
    return new InstalledPackage("pkg:rpm/oracle/" + name + "@" + evr, p, 0, "sha256:" + "0a".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void importReadsEveryDefinition() {
    assertThat(report.records()).isEqualTo(3);
    assertThat(store.sources()).singleElement().satisfies(s -> assertThat(s.contents())
        .containsKeys("Oracle Linux:7", "Oracle Linux:8", "Oracle Linux:10"));
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("oracle-oval");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(6);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      for (Vulnerability v : new Matcher().match(List.of(rpm(row[1], row[2], row[3], null)), ol(row[0] + ".9"), store,
          NOW)) {
        assertThat(v.sources()).containsExactly("oracle");
        actual.add(String.join("\t", row[0], v.packageName(), v.installedVersion(), row[3], v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), String.join(",", v.aliases()), v.vendorSeverity()));
      }
    }
    assertThat(expected).hasSize(3);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void modulePackagesAreNamedByTheirStreamAndAReleaseWithoutDataIsNotChecked() {
    InstalledPackage modular = rpm("nodejs", "1:18.19.0-1.module+el8.9.0+90179+1bd7fb9d", "x86_64",
        "nodejs:18:8090020231221224023:a2b2ed9c");
    assertThat(PackageQuery.of(modular, ol("8.9"))).get().satisfies(q -> {
      assertThat(q.ecosystem()).isEqualTo("Oracle Linux:8");
      assertThat(q.name()).isEqualTo("nodejs:18/nodejs");
    });
    assertThat(PackageQuery.of(rpm("nodejs", "1:18.19.0-1.module+el8.9.0+90179+1bd7fb9d", "x86_64", null),
        ol("8.9"))).isEmpty();
    assertThat(Coverages.of(List.of(rpm("rsyslog", "8.2102.0-15.el9", "x86_64", null)), ol("9.3"), store, NOW,
        100000).coverage()).singleElement().satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for ol 9.3: 1 package not checked");
        });
  }

  @Test
  void aKspliceUserspaceFixSaysNothingOfPlainBuilds(@TempDir Path tmp) throws IOException {
    // the real rsyslog definition with its x86_64 fix edited in the test into a ksplice build's version
    String text = Files.readString(Feeds.dir("oracle-oval").resolve("elsa-per-arch.xml"))
        .replace("0:8.24.0-57.0.1.el7_9.3", "0:8.24.0-57.0.1.ksplice1.el7_9.3");
    Path edited = tmp.resolve("com.oracle.elsa-ksplice.xml");
    Files.writeString(edited, text);
    Imports.importPaths(List.of(edited), tmp.resolve("cache"));
    VulnStore ksplice = VulnStore.open(tmp.resolve("cache"));
    assertThat(new Matcher().match(List.of(rpm("rsyslog", "8.24.0-57.0.1.el7_9.1", "x86_64", null)), ol("7.9"),
        ksplice, NOW)).isEmpty();
    assertThat(new Matcher().match(List.of(rpm("rsyslog", "8.24.0-57.0.1.el7_9.1", "x86_64", null)), ol("7.9"),
        store, NOW)).extracting(Vulnerability::id).containsExactly("CVE-2022-24903");
  }
}
