package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.osv.OsvRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Debian and Alpine matching against the real tracker / secdb excerpts in src/test/resources/match/,
 * converted to OSV the way the importers do (Feeds.debian / Feeds.alpine). Expected fixed versions and
 * statuses are the rows of each folder's expected.tsv (see FIXTURES.md there and in match/).
 */
class MatcherDistroTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final OsInfo DEBIAN_12 = new OsInfo("debian", "12", "bookworm", "Debian GNU/Linux 12", "etc/os-release");
  private static final OsInfo DEBIAN_10 = new OsInfo("debian", "10", "buster", "Debian GNU/Linux 10", "etc/os-release");

  private static ListAdvisorySource debian() {
    return new ListAdvisorySource(Feeds.debian(Feeds.json(Feeds.dir("debian-tracker").resolve("vunnel-debian.json"))));
  }

  @Test
  void debian12SourcePackagesGetFixedStatusAndTheBookwormFixedVersion() {
    List<Vulnerability> found = new Matcher().match(List.of(
        // binary chromium-common from source chromium, older than bookworm's fix 98.0.4758.80-1
        Feeds.osPkg(Ecosystem.DEB, "chromium-common", "chromium", "97.0.4692.99-1"),
        // sope at the bookworm fix 5.8.0-1+deb12u1: not affected
        Feeds.osPkg(Ecosystem.DEB, "libsope1", "sope", "5.8.0-1+deb12u1"),
        // prototypejs CVE-2007-2383 is fixed_version "0" (never affected); no bookworm row for the rest
        Feeds.osPkg(Ecosystem.DEB, "libjs-prototype", "prototypejs", "1.7.1-3")), DEBIAN_12, debian(), NOW);
    assertThat(found).extracting(Vulnerability::id, Vulnerability::packageName, Vulnerability::status,
            Vulnerability::fixedVersions, Vulnerability::vendorSeverity)
        .containsExactly(tuple("CVE-2022-0456", "chromium", Status.FIXED, List.of("98.0.4758.80-1"),
            "not yet assigned"));
    Vulnerability v = found.get(0);
    assertThat(v.sources()).containsExactly("debian");
    assertThat(v.installedVersion()).isEqualTo("97.0.4692.99-1");
    assertThat(v.severity()).isEqualTo(Severity.UNKNOWN);
    assertThat(v.links()).containsExactly("https://security-tracker.debian.org/tracker/CVE-2022-0456");
  }

  @Test
  void debian12OlderSopeIsFixedByTheDeb12u1Backport() {
    List<Vulnerability> found = new Matcher().match(
        List.of(Feeds.osPkg(Ecosystem.DEB, "libsope1", "sope", "5.8.0-1")), DEBIAN_12, debian(), NOW);
    assertThat(found).extracting(Vulnerability::id, Vulnerability::status, Vulnerability::fixedVersions)
        .containsExactly(tuple("CVE-2025-53603", Status.FIXED, List.of("5.8.0-1+deb12u1")));
  }

  @Test
  void debian10OpenIssueIsAffectedWithoutFixAndTheReleaseIsEndOfLife() {
    List<Vulnerability> found = new Matcher().match(List.of(
        Feeds.osPkg(Ecosystem.DEB, "chromium", "chromium", "90.0.4430.212-1~deb10u1"),
        // buster backupninja fixed in 0.8-2 (resolved); 0.8-1 is older
        Feeds.osPkg(Ecosystem.DEB, "backupninja", "backupninja", "0.8-1")), DEBIAN_10, debian(), NOW);
    assertThat(found).extracting(Vulnerability::id, Vulnerability::status, Vulnerability::fixedVersions)
        .containsExactlyInAnyOrder(
            tuple("CVE-2022-0456", Status.AFFECTED, List.of()),
            tuple("CVE-2005-3111", Status.FIXED, List.of("0.8-2")),
            tuple("DRYDOCK-EOL-debian-10", Status.END_OF_LIFE, List.of()));
    Vulnerability backup = found.stream().filter(v -> v.id().equals("CVE-2005-3111")).findFirst().orElseThrow();
    assertThat(backup.vendorSeverity()).isEqualTo("medium");
    assertThat(backup.severity()).isEqualTo(Severity.MEDIUM);
    Vulnerability eol = found.stream().filter(v -> v.status() == Status.END_OF_LIFE).findFirst().orElseThrow();
    assertThat(eol.purl()).isEqualTo("pkg:generic/debian@10");
    assertThat(eol.severity()).isEqualTo(Severity.HIGH);
    assertThat(eol.locations()).containsExactly("etc/os-release");
  }

  @Test
  void debianNoDsaNotesAndIgnoredIssues() throws Exception {
    // hand-made in the tracker's shape: the excerpt has no nodsa keys (see FIXTURES.md)
    JsonNode tracker = Feeds.JSON.readTree("""
        {"openssl": {
           "CVE-2023-0464": {"releases": {"bookworm": {"status": "open", "repositories": {"bookworm": "3.0.11-1~deb12u2"},
             "urgency": "low", "nodsa": "Minor issue", "nodsa_reason": ""}}},
           "CVE-2023-0466": {"releases": {"bookworm": {"status": "open", "repositories": {"bookworm": "3.0.11-1~deb12u2"},
             "urgency": "unimportant", "nodsa": "Documentation fix", "nodsa_reason": "ignored"}}}}}
        """);
    List<Vulnerability> found = new Matcher().match(
        List.of(Feeds.osPkg(Ecosystem.DEB, "libssl3", "openssl", "3.0.11-1~deb12u2")), DEBIAN_12,
        new ListAdvisorySource(Feeds.debian(tracker)), NOW);
    assertThat(found).extracting(Vulnerability::id, Vulnerability::status, Vulnerability::note, Vulnerability::severity)
        .containsExactly(
            tuple("CVE-2023-0464", Status.AFFECTED, "no-dsa: Minor issue", Severity.LOW),
            tuple("CVE-2023-0466", Status.WILL_NOT_FIX, "no-dsa: Documentation fix (ignored)", Severity.LOW));
  }

  @Test
  void debianAdvisoriesDoNotMatchOtherFamiliesOrLanguagePackages() {
    OsInfo ubuntu = new OsInfo("ubuntu", "22.04", "jammy", "Ubuntu", "etc/os-release");
    assertThat(new Matcher().match(List.of(Feeds.osPkg(Ecosystem.DEB, "chromium", "chromium", "90.0-1")), ubuntu,
        debian(), NOW)).isEmpty();
    // Debian 11 advisories do not apply to a Debian 12 system
    assertThat(new Matcher().match(List.of(Feeds.osPkg(Ecosystem.DEB, "libsope1", "sope", "5.0.1-2")),
        new OsInfo("debian", "11", "bullseye", null, null), debian(), Instant.parse("2026-08-31T23:59:59Z")))
        .extracting(Vulnerability::id, Vulnerability::fixedVersions)
        .containsExactly(tuple("CVE-2025-53603", List.of("5.0.1-2+deb11u1")));
  }

  @Test
  void alpineOriginsMatchTheirBranchSecfixes() {
    List<OsvRecord> records = new ArrayList<>();
    for (String f : List.of("v3.10-community.claircore.json", "311-main.vuln-list-update.json",
        "312-main.vuln-list-update.json")) {
      records.addAll(Feeds.alpine(Feeds.json(Feeds.dir("alpine-secdb").resolve(f))));
    }
    ListAdvisorySource source = new ListAdvisorySource(records);
    OsInfo alpine310 = new OsInfo("alpine", "3.10.9", null, "Alpine Linux v3.10", "etc/os-release");
    List<Vulnerability> found = new Matcher().match(List.of(
        Feeds.osPkg(Ecosystem.APK, "botan", "botan", "2.8.0-r0"),
        Feeds.osPkg(Ecosystem.APK, "chicken-dev", "chicken", "4.12.0-r2"),
        Feeds.osPkg(Ecosystem.APK, "cfengine", "cfengine", "3.12.2-r0")), alpine310, source, NOW);
    assertThat(found).extracting(Vulnerability::id, Vulnerability::packageName, Vulnerability::status,
            Vulnerability::fixedVersions)
        .containsExactlyInAnyOrder(
            tuple("CVE-2018-20187", "botan", Status.FIXED, List.of("2.9.0-r0")),
            tuple("CVE-2017-6949", "chicken", Status.FIXED, List.of("4.12.0-r3")),
            tuple("DRYDOCK-EOL-alpine-3.10", "alpine", Status.END_OF_LIFE, List.of()));
    assertThat(found).filteredOn(v -> v.id().equals("CVE-2018-20187")).singleElement()
        .satisfies(v -> assertThat(v.sources()).containsExactly("alpine"));

    // v3.11 apache2 before 2.4.34-r0: both CVEs; v3.10 records do not leak into v3.11
    List<Vulnerability> apache = new Matcher().match(List.of(
        Feeds.osPkg(Ecosystem.APK, "apache2-utils", "apache2", "2.4.33-r0"),
        Feeds.osPkg(Ecosystem.APK, "botan", "botan", "2.8.0-r0")),
        new OsInfo("alpine", "3.11.2", null, null, "etc/os-release"), source, Instant.parse("2021-01-01T00:00:00Z"));
    assertThat(apache).extracting(Vulnerability::id)
        .containsExactlyInAnyOrder("CVE-2018-1333", "CVE-2018-8011");
  }
}
