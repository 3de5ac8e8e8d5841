package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
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
 * SUSE Linux Enterprise matching against SUSE's real CSAF VEX documents in src/test/resources/match/suse-vex/,
 * imported into a real store by {@code db import}'s code path (content detection). The installed packages are the
 * 35 rpms of the real SLE 15 SP3 BCI NDB database (as rpm lists them, drydock-analyzers' fixtures/rpm/ndb/
 * expected.tsv) plus the probes of {@code oracle.py}; the expected findings are {@code expected.tsv}, written by
 * {@code oracle.py} from the same documents independently of the Java code (see FIXTURES.md).
 */
class SuseMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final Path IMAGE = Path.of("../drydock-analyzers/src/test/resources/fixtures/rpm/ndb/expected.tsv");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importDocuments() {
    report = Imports.importPaths(List.of(Feeds.dir("suse-vex")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo sles(String version) {
    return new OsInfo("sles", version, null, "SUSE Linux Enterprise Server " + version, "etc/os-release");
  }

  /** An installed SUSE rpm, the way the rpm analyzer reports it (version-release, source rpm name). */
  static InstalledPackage rpm(String name, String source, String vr) {
    Package p = new Package(Ecosystem.RPM, null, name, vr, source, vr, "x86_64", List.of(),
        "usr/lib/sysimage/rpm/Packages.db", Map.of());
    return new InstalledPackage("pkg:rpm/suse/" + name + "@" + vr, p, 0, "sha256:" + "cd".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void suseNotAffectedIsListedWithItsReasonNotSilentlyDropped() {
    // the real CVE-2004-0657 document: ntp of SLES 15 SP1-SP3 and 15-LTSS is known_not_affected
    Matcher.Outcome o = new Matcher().matchAll(List.of(rpm("ntp", "ntp", "4.2.8p15-150000.4.13.1")), sles("15.3"),
        store, NOW);
    assertThat(o.findings()).isEmpty();
    assertThat(o.vendorNotAffected()).singleElement().satisfies(n -> {
      assertThat(n.finding().id()).isEqualTo("CVE-2004-0657");
      assertThat(n.by()).isEqualTo("vendor:suse");
      assertThat(n.reason()).isEqualTo("vendor: not affected (SUSE CSAF VEX)");
    });
    // a release the document does not call not affected gets no statement
    assertThat(new Matcher().matchAll(List.of(rpm("ntp", "ntp", "4.2.8p15-150000.4.13.1")), sles("15.5"), store, NOW)
        .vendorNotAffected()).isEmpty();
  }

  @Test
  void importReadsEveryDocumentUnderOneEcosystemPerServicePack() {
    assertThat(report.records()).isEqualTo(3);
    // the oracle, its output and FIXTURES.md beside the documents are skipped; no product id of SUSE's is
    assertThat(report.skipped()).extracting(s -> s.location()).allMatch(l -> !l.endsWith(".json"));
    assertThat(store.sources()).singleElement().satisfies(s -> {
      assertThat(s.contents()).containsKeys("SUSE:Linux Enterprise 15", "SUSE:Linux Enterprise 15 SP3",
          "SUSE:Linux Enterprise 15 SP7");
      assertThat(s.contents().keySet()).noneMatch(k -> k.contains("LTSS") || k.contains("Server"));
      assertThat(s.data().dataDate()).isNotNull();
    });
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("suse-vex");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>();
    for (String line : Files.readAllLines(IMAGE)) {
      String[] f = line.split("\t");
      String source = f[5].replaceAll("-[^-]+-[^-]+\\.src\\.rpm$", "");
      inventory.add(new String[] {"15.3", f[0], ("0".equals(f[1]) ? "" : f[1] + ":") + f[2] + "-" + f[3], source});
    }
    assertThat(inventory).hasSize(35);
    // the probes, as written in oracle.py
    for (String[] f : Feeds.oracleRows(dir, "PROBES")) {
      inventory.add(new String[] {f[0], f[1], f[2], f[1]});
    }
    assertThat(inventory).hasSize(35 + 9);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      for (Vulnerability v : new Matcher().match(List.of(rpm(row[1], row[3], row[2])), sles(row[0]), store, NOW)) {
        if (v.id().startsWith("DRYDOCK-EOL-")) {
          continue; // end of support is not an advisory
        }
        assertThat(v.sources()).containsExactly("suse");
        actual.add(String.join("\t", row[0], row[1], row[2], v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), v.vendorSeverity() == null ? "" : v.vendorSeverity()));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theImageIsMatchedByBinaryRpmNameNotBySourceRpm() {
    // terminfo-base comes from the ncurses source rpm; SUSE names the binary package
    InstalledPackage terminfo = rpm("terminfo-base", "ncurses", "6.1-5.9.1");
    assertThat(PackageQuery.of(terminfo, sles("15.3"))).get().satisfies(q -> {
      assertThat(q.ecosystem()).isEqualTo("SUSE:Linux Enterprise 15 SP3");
      assertThat(q.name()).isEqualTo("terminfo-base");
    });
    assertThat(new Matcher().match(List.of(terminfo), sles("15.3"), store, NOW)).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(Status.AFFECTED);
      assertThat(v.vendorSeverity()).isEqualTo("low");
      assertThat(v.links()).contains("https://www.suse.com/security/cve/CVE-2023-45918");
    });
  }

  @Test
  void theVendorsNotAffectedGivesNoFinding() {
    assertThat(new Matcher().match(List.of(rpm("ntp", "ntp", "4.2.8p15-4.16.1")), sles("15.3"), store, NOW))
        .isEmpty();
  }

  @Test
  void coverageIsCheckedWithTheDataAndNotCheckedForAReleaseItDoesNotKnow() {
    List<InstalledPackage> pkgs = List.of(rpm("libncurses6", "ncurses", "6.1-5.9.1"));
    assertThat(Coverages.of(pkgs, sles("15.3"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    assertThat(Coverages.of(pkgs, sles("12.5"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for sles 12.5: 1 package not checked");
        });
    OsInfo leap = new OsInfo("opensuse-leap", "15.5", null, "openSUSE Leap 15.5", "etc/os-release");
    assertThat(Coverages.of(pkgs, leap, store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for opensuse-leap 15.5: 1 package not checked");
        });
  }
}
