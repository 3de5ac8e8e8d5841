package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which families of an inventory the store's data covers, against a real store built by the importers from
 * the Debian tracker excerpt, 17 GHSA records (Maven, npm, NuGet) and the KEV excerpt in src/test/resources.
 */
class CoveragesTest {
  private static final OsInfo DEBIAN_12 = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12", "etc/os-release");
  private static final OsInfo UBUNTU_2204 =
      new OsInfo("ubuntu", "22.04", "jammy", "Ubuntu 22.04.4 LTS", "etc/os-release");

  @TempDir Path cache;

  private VulnStore store(Path... paths) {
    Imports.importPaths(List.of(paths), cache);
    return VulnStore.open(cache);
  }

  private static Path debianTracker() {
    return Feeds.dir("kev").resolveSibling("../feeds/debian-tracker/vunnel-debian.json").normalize();
  }

  private static Path ghsa() {
    return Feeds.dir("kev").resolveSibling("../feeds/ghsa").normalize();
  }

  private static Path kev() {
    return Feeds.dir("kev").resolve("known_exploited_vulnerabilities.excerpt.json");
  }

  private static List<InstalledPackage> debianImage() {
    return List.of(Feeds.osPkg(Ecosystem.DEB, "libssl3", "openssl", "3.0.11-1~deb12u2"),
        Feeds.osPkg(Ecosystem.DEB, "bash", "bash", "5.2.15-2+b2"),
        Feeds.pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1"),
        Feeds.pkg("npm", "lodash", "4.17.15"),
        Feeds.pkg("PyPI", "PyYAML", "5.3"));
  }

  @Test
  void familiesWithDataAreCheckedAndTheOthersSayHowManyPackagesWereNotChecked() {
    try (VulnStore store = store(debianTracker(), ghsa(), kev())) {
      Coverages.Outcome o = Coverages.of(debianImage(), DEBIAN_12, store, Instant.now(), 100_000);
      assertThat(o.coverage()).extracting(Coverage::family, Coverage::packages, Coverage::checked).containsExactly(
          tuple("debian 12", 2, true), tuple("maven", 1, true), tuple("npm", 1, true), tuple("pypi", 1, false));
      assertThat(o.warnings()).containsExactly("no advisory data for pypi: 1 package not checked");
      // every source was consulted: Debian and GHSA for the families, KEV for enrichment
      assertThat(o.data()).extracting(AdvisoryData::source).containsExactlyInAnyOrder(
          "import:" + debianTracker().toAbsolutePath(), "import:" + ghsa().toAbsolutePath(),
          "import:" + kev().toAbsolutePath());
    }
  }

  @Test
  void anUbuntuReleaseIsNotCheckedEvenWithDebianDataInTheStore() {
    List<InstalledPackage> ubuntu = List.of(Feeds.osPkg(Ecosystem.DEB, "libssl3", "openssl", "3.0.2-0ubuntu1"),
        Feeds.osPkg(Ecosystem.DEB, "openssl", "openssl", "3.0.2-0ubuntu1"),
        Feeds.osPkg(Ecosystem.DEB, "bash", "bash", "5.1-6ubuntu1"));
    try (VulnStore store = store(debianTracker(), kev())) {
      Coverages.Outcome o = Coverages.of(ubuntu, UBUNTU_2204, store, Instant.now(), 100_000);
      assertThat(o.coverage()).singleElement().isEqualTo(new Coverage("ubuntu 22.04", 3, false,
          "no advisory data for ubuntu 22.04: 3 packages not checked"));
      assertThat(o.data()).extracting(AdvisoryData::source).as("the Debian data played no part")
          .containsExactly("import:" + kev().toAbsolutePath());
    }
  }

  @Test
  void aStoreWithOnlyKevChecksNothing() {
    try (VulnStore store = store(kev())) {
      Coverages.Outcome o = Coverages.of(debianImage(), DEBIAN_12, store, Instant.now(), 100_000);
      assertThat(o.coverage()).allSatisfy(c -> assertThat(c.checked()).as(c.family()).isFalse());
      assertThat(o.coverage()).extracting(Coverage::reason).containsExactly(
          "no advisory data for debian 12: 2 packages not checked",
          "no advisory data for maven: 1 package not checked",
          "no advisory data for npm: 1 package not checked",
          "no advisory data for pypi: 1 package not checked");
      // nothing to check and nothing in the store: the family * says so
      assertThat(Coverages.of(List.of(), DEBIAN_12, store, Instant.now(), 100_000).coverage())
          .extracting(Coverage::family, Coverage::checked).containsExactly(tuple("*", false));
    }
  }

  @Test
  void withoutAStoreEveryFamilyIsNotChecked() {
    Coverages.Outcome o = Coverages.withoutStore(debianImage(), DEBIAN_12);
    assertThat(o.coverage()).extracting(Coverage::family, Coverage::checked).containsExactly(
        tuple("debian 12", false), tuple("maven", false), tuple("npm", false), tuple("pypi", false));
    assertThat(o.coverage().get(0).reason())
        .isEqualTo("no advisory data for debian 12: 2 packages not checked (no vulnerability store)");
    assertThat(Coverages.withoutStore(List.of(), null).coverage()).extracting(Coverage::family).containsExactly("*");
  }

  @Test
  void osFamiliesAreNamedByTheReleaseTheMatcherReads() {
    assertThat(Coverages.osFamily(new OsInfo("alpine", "3.19.1", null, null, null), Ecosystem.APK))
        .isEqualTo("alpine 3.19");
    assertThat(Coverages.osFamily(new OsInfo("debian", "12.5", null, null, null), Ecosystem.DEB))
        .isEqualTo("debian 12");
    assertThat(Coverages.osFamily(new OsInfo("rhel", "9.3", null, null, null), Ecosystem.RPM)).isEqualTo("rhel 9.3");
    assertThat(Coverages.osFamily(new OsInfo("debian", null, null, null, null), Ecosystem.DEB))
        .isEqualTo("debian (release unknown)");
    assertThat(Coverages.osFamily(null, Ecosystem.RPM)).isEqualTo("unknown OS (rpm)");
  }

  @Test
  void mavenJarsWithoutAGroupIdAreAWarningWhenTheirFamilyHasData() {
    Package bare = Package.of(Ecosystem.MAVEN, null, "internal-lib", "1.0", "app/lib/internal-lib-1.0.jar");
    InstalledPackage noGroup = new InstalledPackage("pkg:maven/internal-lib@1.0", bare, 2, null, null,
        List.of(bare.location()));
    try (VulnStore store = store(ghsa())) {
      Coverages.Outcome mixed = Coverages.of(List.of(noGroup, Feeds.pkg("Maven", "org.apache.logging.log4j:log4j-core",
          "2.14.1")), null, store, Instant.now(), 100_000);
      assertThat(mixed.coverage()).containsExactly(new Coverage("maven", 2, true, null));
      assertThat(mixed.warnings()).containsExactly("maven: 1 package cannot be matched (no groupId): internal-lib@1.0");
      Coverages.Outcome only = Coverages.of(List.of(noGroup), null, store, Instant.now(), 100_000);
      assertThat(only.coverage()).singleElement().satisfies(c -> assertThat(c.checked()).isFalse());
    }
  }

  private static InstalledPackage maven(String group, String name, String version, java.util.Map<String, String> attrs) {
    Package p = new Package(Ecosystem.MAVEN, group, name, version, null, null, null, List.of(), "pom.xml", attrs);
    return new InstalledPackage("pkg:maven/" + group + "/" + name + (version == null ? "" : "@" + version), p, 0,
        null, null, List.of("pom.xml"));
  }

  /**
   * A dependency whose version could not be resolved offline (managed by a parent or BOM) cannot be judged: it
   * is its own family, not checked, so the gate fails closed instead of reading "no vulnerabilities". The
   * scanned project itself (attribute project) is neither matched nor counted, even when named like a public
   * package with advisories.
   */
  @Test
  void versionlessDependenciesAreNotCheckedAndTheProjectItselfIsNeverMatched() {
    InstalledPackage unresolved = maven("org.apache.logging.log4j", "log4j-core", null,
        java.util.Map.of("versionUnresolved", "managed by org.springframework.boot:spring-boot-dependencies"));
    InstalledPackage project = maven("org.apache.logging.log4j", "log4j-core", "2.14.1",
        java.util.Map.of("project", "root"));
    InstalledPackage dependency = Feeds.pkg("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1");
    try (VulnStore store = store(ghsa())) {
      Coverages.Outcome o = Coverages.of(List.of(project, unresolved, dependency), null, store, Instant.now(),
          100_000);
      assertThat(o.coverage()).extracting(Coverage::family, Coverage::packages, Coverage::checked).containsExactly(
          tuple("maven", 1, true), tuple("maven (version unknown)", 1, false));
      assertThat(o.coverage().get(1).reason()).startsWith("1 package of maven with no resolvable version: not checked");
      var found = new Matcher().match(List.of(project, unresolved), null, store, Instant.now());
      assertThat(found).isEmpty();
      assertThat(new Matcher().match(List.of(dependency), null, store, Instant.now())).isNotEmpty();
    }
  }

  @Test
  void dataOlderThanTheLimitIsWarnedAboutAndSevenDaysOldIsStaleWithALimitOfSeven() {
    try (VulnStore store = store(kev())) {
      // the excerpt's dateReleased is 2025-08-25T17:04:19Z
      Instant sixDaysLater = Instant.parse("2025-08-31T23:00:00Z");
      Instant sevenDaysLater = Instant.parse("2025-09-01T00:30:00Z");
      assertThat(Coverages.of(List.of(), null, store, sixDaysLater, 7).warnings())
          .noneMatch(w -> w.startsWith("advisory data "));
      assertThat(Coverages.of(List.of(), null, store, sevenDaysLater, 7).warnings()).contains(
          "advisory data import:" + kev().toAbsolutePath() + " is 7 days old (data date 2025-08-25; the limit is 7"
              + " days): update it with 'drydock db update' or 'drydock db import'");
    }
    assertThat(Coverages.stale(LocalDate.of(2025, 8, 25), LocalDate.of(2025, 9, 1), 7)).isTrue();
    assertThat(Coverages.stale(LocalDate.of(2025, 8, 26), LocalDate.of(2025, 9, 1), 7)).isFalse();
    // unknown data date: the import date counts
    assertThat(Coverages.day(new AdvisoryData("debian-tracker", null, "2026-10-01T08:00:00Z", 3, null)))
        .isEqualTo(LocalDate.of(2026, 10, 1));
  }
}
