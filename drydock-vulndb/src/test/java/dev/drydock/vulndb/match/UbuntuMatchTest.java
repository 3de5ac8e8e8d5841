package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ubuntu matching against Ubuntu's real OSV records (a USN and an UBUNTU-CVE record) in
 * src/test/resources/match/ubuntu/, imported into a real store by content detection. Expected findings:
 * {@code expected.tsv} there, written by {@code oracle.py} (dpkg's own version order, see FIXTURES.md).
 */
class UbuntuMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir static Path cache;
  static VulnStore store;

  @BeforeAll
  static void importRecords() {
    Imports.importPaths(List.of(Feeds.dir("ubuntu")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo ubuntu(String version) {
    return new OsInfo("ubuntu", version, null, "Ubuntu " + version, "etc/os-release");
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("ubuntu");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(11);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      // a binary package of the source package, as dpkg's Source field names it
      InstalledPackage ip = Feeds.osPkg(Ecosystem.DEB, row[1] + "-client", row[1], row[2]);
      for (Vulnerability v : new Matcher().match(List.of(ip), ubuntu(row[0]), store, NOW)) {
        if (v.id().startsWith("DRYDOCK-EOL-")) {
          continue; // the release's end of standard support, not an advisory: EndOfLifeDistrosTest
        }
        assertThat(v.sources()).containsExactly("ubuntu");
        boolean pro = v.note() != null && v.note().startsWith("fix available only with Ubuntu Pro (ESM)");
        actual.add(String.join("\t", row[0], v.packageName(), v.installedVersion(), v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), pro ? "pro" : ""));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    // Ubuntu Pro (ESM) fixes of 16.04 and 18.04 are matched, and said to need Pro
    assertThat(expected).anyMatch(l -> l.startsWith("18.04\tglibc\t") && l.endsWith("\tpro"));
  }

  @Test
  void anEsmReleaseIsMatchedAgainstItsUbuntuProRecordsWithTheSubscriptionNoted() {
    List<Vulnerability> found = new Matcher().match(
        List.of(Feeds.osPkg(Ecosystem.DEB, "libc6", "glibc", "2.27-3ubuntu1.6+esm3")), ubuntu("18.04"), store, NOW)
        .stream().filter(v -> !v.id().startsWith("DRYDOCK-EOL-")).toList(); // 18.04's end of standard support
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("CVE-2025-0395"); // from the record's upstream (OSV schema 1.7)
      assertThat(v.aliases()).contains("UBUNTU-CVE-2025-0395", "USN-7259-1");
      assertThat(v.fixedVersions()).containsExactly("2.27-3ubuntu1.6+esm4");
      assertThat(v.note()).isEqualTo("fix available only with Ubuntu Pro (ESM): Available with Ubuntu Pro"
          + " (Infra-only): https://ubuntu.com/pro");
      assertThat(v.vendorSeverity()).isEqualTo("medium");
    });
    // 18.04's data is all Ubuntu Pro: the release is checked, not "no advisory data"
    assertThat(Coverages.of(List.of(Feeds.osPkg(Ecosystem.DEB, "libc6", "glibc", "2.27-3ubuntu1.6+esm4")),
        ubuntu("18.04"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    // the 20.04 main-archive fix needs no subscription
    assertThat(new Matcher().match(List.of(Feeds.osPkg(Ecosystem.DEB, "libc6", "glibc", "2.31-0ubuntu9.16")),
        ubuntu("20.04"), store, NOW)).filteredOn(v -> !v.id().startsWith("DRYDOCK-EOL-")).singleElement()
        .satisfies(v -> assertThat(v.note()).isNull());
  }

  @Test
  void theUsnAndTheCveRecordAreOneFindingWithUbuntusPriorityBesideCvss() {
    List<Vulnerability> found = new Matcher().match(
        List.of(Feeds.osPkg(Ecosystem.DEB, "openssh-server", "openssh", "1:8.9p1-3ubuntu0.6")), ubuntu("22.04"), store,
        NOW);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("CVE-2024-6387");
      assertThat(v.aliases()).containsExactly("UBUNTU-CVE-2024-6387", "USN-6859-1");
      assertThat(v.vendorSeverity()).isEqualTo("high");
      assertThat(v.cvss()).isNotEmpty();
      assertThat(v.note()).isNull(); // a fix in the main archive, no subscription needed
    });
  }

  @Test
  void aReleaseTheDataDoesNotNameIsNotCheckedAndNonLtsReleasesAreTheirOwnEcosystem() {
    List<InstalledPackage> pkgs = List.of(Feeds.osPkg(Ecosystem.DEB, "openssh-client", "openssh", "1:8.2p1-4"));
    assertThat(Coverages.of(pkgs, ubuntu("12.04"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for ubuntu 12.04: 1 package not checked");
        });
    assertThat(Coverages.of(pkgs, ubuntu("22.04"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    assertThat(PackageQuery.ubuntuEcosystem("23.10")).isEqualTo("Ubuntu:23.10");
    assertThat(PackageQuery.ubuntuEcosystem("24.04")).isEqualTo("Ubuntu:24.04:LTS");
    assertThat(PackageQuery.ubuntuEcosystem("25.04")).isEqualTo("Ubuntu:25.04");
  }
}
