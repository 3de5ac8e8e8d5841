package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.match.Matcher;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian security tracker's {@code data/DSA/list} and {@code data/DLA/list} (real excerpts in
 * feeds/debian-dsa/, see FIXTURES.md there): imported as fixed versions per (release, source package), one
 * record per CVE, so that a CVE also in the tracker JSON is one finding.
 */
class DebianAdvisoryListTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final OsInfo DEBIAN_11 =
      new OsInfo("debian", "11", "bullseye", "Debian GNU/Linux 11 (bullseye)", "etc/os-release");

  @TempDir Path cache;

  /** (ecosystem, package, status, fixed or "", urgency or "", advisory) of each affected entry of {@code id}. */
  private static List<List<String>> rows(VulnStore store, String id) {
    return store.byId(id).stream().flatMap(r -> r.affected().stream()).map(a -> List.of(a.pkg().ecosystem(),
        a.pkg().name(), a.ecosystemSpecific().path("status").asText(),
        a.ranges().get(0).events().stream().filter(e -> e.fixed() != null).map(OsvRecord.OsvEvent::fixed)
            .findFirst().orElse(""),
        a.ecosystemSpecific().path("urgency").asText(""), a.ecosystemSpecific().path("advisory").asText()))
        .toList();
  }

  private static InstalledPackage debPkg(String name, String source, String version) {
    Package p = new Package(Ecosystem.DEB, null, name, version, source, version, "amd64", List.of(),
        "var/lib/dpkg/status", Map.of());
    return new InstalledPackage("pkg:deb/debian/" + name + "@" + version, p, 0, "sha256:" + "cd".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void dsaListBecomesFixedVersionsPerReleaseAndSourcePackage() {
    ImportReport report = Imports.importPaths(List.of(DistroFeedsTest.feeds("debian-dsa/DSA-list")), cache);
    // 34 records: the distinct CVEs of the 11 advisories, plus DSA-5356-2 and DSA-3699-1, which name no CVE
    assertThat(report.records()).isEqualTo(34);
    assertThat(report.imported()).singleElement().extracting(ImportResult::format).isEqualTo("debian-advisory-list");
    assertThat(report.skipped()).isEmpty();
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(rows(store, "CVE-2023-1393")).containsExactly(
          List.of("Debian:11", "xorg-server", "fixed", "2:1.20.11-1+deb11u6", "", "DSA-5380-1"));
      // one CVE fixed by two advisories in two source packages
      assertThat(rows(store, "CVE-2023-28176")).containsExactlyInAnyOrder(
          List.of("Debian:11", "thunderbird", "fixed", "1:102.9.0-1~deb11u1", "", "DSA-5375-1"),
          List.of("Debian:11", "firefox-esr", "fixed", "102.9.0esr-1~deb11u1", "", "DSA-5374-1"));
      assertThat(store.byId("CVE-2023-28176").get(0).related()).containsExactly("DSA-5375-1", "DSA-5374-1");
      assertThat(rows(store, "CVE-2022-21724")).containsExactly(
          List.of("Debian:10", "libpgjava", "fixed", "42.2.5-2+deb10u1", "", "DSA-5196-1"),
          List.of("Debian:11", "libpgjava", "fixed", "42.2.15-1+deb11u1", "", "DSA-5196-1"));
      // a regression update without CVEs keeps its own id
      assertThat(rows(store, "DSA-5356-2")).containsExactly(
          List.of("Debian:11", "sox", "fixed", "14.4.2+git20190427-2+deb11u2", "", "DSA-5356-2"));
      assertThat(rows(store, "DSA-3699-1")).containsExactly(
          List.of("Debian:8", "virtualbox", "end_of_life", "", "", "DSA-3699-1"));
      // <not-affected> gives no entry; an urgency in parentheses is kept; woody and sarge are 3.0 and 3.1
      assertThat(rows(store, "CVE-2011-2685")).containsExactly(
          List.of("Debian:6", "openoffice.org", "fixed", "1:3.2.1-11+squeeze3", "", "DSA-2275-1"));
      assertThat(rows(store, "CVE-2005-1921")).containsExactly(
          List.of("Debian:3.0", "phpgroupware", "open", "", "high", "DSA-746-1"),
          List.of("Debian:3.1", "phpgroupware", "fixed", "0.9.16.005-3.sarge0", "high", "DSA-746-1"));
      assertThat(rows(store, "CVE-2005-3111")).containsExactly(
          List.of("Debian:3.1", "backupninja", "fixed", "0.5-3sarge1", "medium", "DSA-827-1"));
      assertThat(store.byId("CVE-2023-1393").get(0).references()).extracting(OsvRecord.OsvReference::url)
          .containsExactly("https://security-tracker.debian.org/tracker/DSA-5380-1",
              "https://security-tracker.debian.org/tracker/CVE-2023-1393");
    }
  }

  @Test
  void dlaListToo() {
    ImportReport report = Imports.importPaths(List.of(DistroFeedsTest.feeds("debian-dsa/DLA-list")), cache);
    // 11 + 1 CVEs, DLA-436-1 (two packages, no CVE) and DLA-372-1 (end of life)
    assertThat(report.records()).isEqualTo(14);
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(rows(store, "CVE-2023-26604")).containsExactly(
          List.of("Debian:10", "systemd", "fixed", "241-7~deb10u9", "", "DLA-3377-1"));
      assertThat(rows(store, "DLA-436-1")).containsExactly(
          List.of("Debian:6", "ia32-libs", "fixed", "20160228", "", "DLA-436-1"),
          List.of("Debian:6", "ia32-libs-gtk", "fixed", "20160228", "", "DLA-436-1"));
    }
  }

  @Test
  void aCveInTheTrackerJsonAndInADsaIsOneFinding() {
    Imports.importPaths(List.of(DistroFeedsTest.feeds("debian-tracker/vunnel-debian.json"),
        DistroFeedsTest.feeds("debian-dsa/DSA-list")), cache);
    // chromium from bullseye's release, before DSA-5068-1 (98.0.4758.80-1~deb11u1, also the tracker's fix)
    InstalledPackage chromium = debPkg("chromium", "chromium", "90.0.4430.212-1");
    try (VulnStore store = VulnStore.open(cache)) {
      // (Debian 11's end-of-life finding, DRYDOCK-EOL-..., is not this test's business)
      List<Vulnerability> found = new Matcher().match(List.of(chromium), DEBIAN_11, store, NOW).stream()
          .filter(v -> !v.id().startsWith("DRYDOCK-")).toList();
      assertThat(found).filteredOn(v -> v.id().equals("CVE-2022-0456"))
          .extracting(Vulnerability::status, Vulnerability::fixedVersions)
          .containsExactly(tuple(Status.FIXED, List.of("98.0.4758.80-1~deb11u1")));
      // the other 19 CVEs of DSA-5068-1 are known from the DSA list alone
      assertThat(found).extracting(Vulnerability::id).doesNotHaveDuplicates().hasSize(20);
      // at the fixed version, nothing
      assertThat(new Matcher().match(List.of(debPkg("chromium", "chromium", "98.0.4758.80-1~deb11u1")),
          DEBIAN_11, store, NOW)).allMatch(v -> v.id().startsWith("DRYDOCK-"));
    }
  }

  @Test
  void somethingElseStartingLikeAListIsRefusedWithItsLine() throws Exception {
    Path bad = Files.writeString(cache.resolve("list"), "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n"
        + "\t{CVE-2023-1393}\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n");
    Path notAList = Files.writeString(cache.resolve("other"), "garbage\n[29 Mar 2023] DSA-5380-1 x - y\n");
    assertThat(Imports.importPaths(List.of(bad), cache.resolve("c1")).records()).isEqualTo(1);
    assertThatThrownBy(() -> Imports.importPaths(List.of(notAList), cache.resolve("c2")))
        .isInstanceOf(FeedException.class).hasMessageContaining("not a known vulnerability feed format");
  }

  @Test
  void aDirectoryWithoutAnyKnownFeedIsAnErrorNotZeroRecords() throws Exception {
    Path dir = Files.createDirectories(cache.resolve("notes"));
    Files.writeString(dir.resolve("README.txt"), "nothing to import here\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(dir), cache.resolve("c")))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("no known vulnerability feed");
    assertThat(cache.resolve("c").resolve("vulndb.sqlite")).doesNotExist();
  }
}
