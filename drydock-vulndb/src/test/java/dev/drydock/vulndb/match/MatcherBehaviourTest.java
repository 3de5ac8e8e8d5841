package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.AdvisorySource.Epss;
import dev.drydock.vulndb.osv.OsvRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** NOT_COMPARABLE, EPSS/KEV enrichment, risk ordering, log4j mitigation and EOL, over the real feed records. */
class MatcherBehaviourTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final List<OsvRecord> RECORDS = Feeds.osvRecords();

  @Test
  void unparseableVersionIsNotComparableOncePerAdvisory() {
    // "(devel)" is what Go records for a main module built from a checkout
    List<Vulnerability> found = new Matcher().match(List.of(Feeds.pkg("Go", "golang.org/x/net", "(devel)")), null,
        new ListAdvisorySource(RECORDS), NOW);
    assertThat(found).isNotEmpty().allSatisfy(v -> {
      assertThat(v.status()).isEqualTo(Status.NOT_COMPARABLE);
      assertThat(v.fixedVersions()).isEmpty();
    });
    assertThat(found).extracting(Vulnerability::id).doesNotHaveDuplicates();
    // one per advisory naming golang.org/x/net (after alias merging): the same count as for a real version's universe
    long advisories = RECORDS.stream().filter(r -> r.affected().stream()
        .anyMatch(a -> a.pkg() != null && "golang.org/x/net".equals(a.pkg().name()))).map(OsvRecord::id).distinct().count();
    assertThat((long) found.size()).isLessThanOrEqualTo(advisories).isGreaterThan(advisories / 2);
  }

  @Test
  void epssAndKevEnrichRiskAndOrder() {
    // real EPSS magnitudes for these CVEs are not in the fixtures; the scores are inputs of this test
    Map<String, Epss> epss = new HashMap<>();
    epss.put("CVE-2022-22965", new Epss("CVE-2022-22965", 0.5, 0.99, "2024-10-25"));
    epss.put("CVE-2022-22970", new Epss("CVE-2022-22970", 0.002, 0.55, "2024-10-25"));
    ListAdvisorySource source = new ListAdvisorySource(RECORDS, Feeds.kev(), epss);
    List<Vulnerability> found = new Matcher().match(List.of(
        Feeds.pkg("Maven", "org.springframework:spring-beans", "5.3.17"),
        Feeds.pkg("npm", "minimist", "1.2.0")), null, source, NOW);
    Vulnerability spring4shell = found.stream().filter(v -> v.id().equals("CVE-2022-22965")).findFirst().orElseThrow();
    assertThat(spring4shell.kev()).isTrue();
    assertThat(spring4shell.kevDueDate()).isEqualTo("2022-04-25");
    assertThat(spring4shell.epss()).isEqualTo(0.5);
    assertThat(spring4shell.epssPercentile()).isEqualTo(0.99);
    Vulnerability other = found.stream().filter(v -> v.id().equals("CVE-2022-22970")).findFirst().orElseThrow();
    assertThat(other.kev()).isFalse();
    assertThat(other.epss()).isEqualTo(0.002);
    // KEV first; then by risk, descending
    assertThat(found.get(0).id()).isEqualTo("CVE-2022-22965");
    assertThat(found).extracting(Vulnerability::riskScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // risk = 100 * min(1, impact * (threat + 0.1)): other has no KEV, EPSS 0.002
    double base = other.cvss().get(0).score();
    assertThat(other.riskScore()).isEqualTo(Math.round(1000 * Math.min(1, base / 10 * (0.002 + 0.1))) / 10.0);
  }

  @Test
  void riskScoreFormula() {
    assertThat(RiskScore.of(10.0, Severity.CRITICAL, null, true, Status.FIXED)).isEqualTo(100.0);
    assertThat(RiskScore.of(9.8, Severity.CRITICAL, null, false, Status.FIXED)).isEqualTo(9.8);
    assertThat(RiskScore.of(7.5, Severity.HIGH, 0.9, false, Status.FIXED)).isEqualTo(75.0);
    assertThat(RiskScore.of(null, Severity.HIGH, 0.5, false, Status.AFFECTED)).isEqualTo(48.0);
    assertThat(RiskScore.of(5.3, Severity.MEDIUM, null, true, Status.FIXED)).isEqualTo(61.0);
    assertThat(RiskScore.of(10.0, Severity.CRITICAL, 0.97, true, Status.MITIGATED)).isZero();
  }

  @Test
  void log4jCoreWithoutJndiLookupIsMitigatedForLog4ShellOnly() {
    Package p = new Package(dev.drydock.model.Ecosystem.MAVEN, "org.apache.logging.log4j", "log4j-core", "2.14.1",
        null, null, null, List.of(), "opt/app/lib/log4j-core-2.14.1.jar", Map.of("log4jJndiLookup", "absent"));
    InstalledPackage ip = new InstalledPackage("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", p, 3,
        "sha256:" + "ef".repeat(32), "RUN zip -d ...", List.of(p.location()));
    List<Vulnerability> found = new Matcher().match(List.of(ip), null,
        new ListAdvisorySource(RECORDS, Feeds.kev(), Map.of()), NOW);
    Map<String, Status> status = new TreeMap<>();
    found.forEach(v -> status.put(v.id(), v.status()));
    assertThat(status).containsEntry("CVE-2021-44228", Status.MITIGATED).containsEntry("CVE-2021-45046", Status.MITIGATED)
        .containsEntry("CVE-2021-45105", Status.FIXED);
    assertThat(found).filteredOn(v -> v.status() == Status.MITIGATED).extracting(Vulnerability::mitigation)
        .containsOnly("JndiLookup.class removed from opt/app/lib/log4j-core-2.14.1.jar");
    assertThat(found).filteredOn(v -> v.status() == Status.MITIGATED)
        .allSatisfy(v -> assertThat(v.riskScore()).isZero());
    assertThat(found.get(found.size() - 1).status()).isEqualTo(Status.MITIGATED);

    Package present = new Package(p.ecosystem(), p.namespace(), p.name(), p.version(), null, null, null, List.of(),
        p.location(), Map.of("log4jJndiLookup", "present"));
    List<Vulnerability> unmitigated = new Matcher().match(List.of(new InstalledPackage(ip.purl(), present, 3, null,
        null, List.of())), null, new ListAdvisorySource(RECORDS), NOW);
    assertThat(unmitigated).noneMatch(v -> v.status() == Status.MITIGATED);
  }

  @Test
  void endOfLifeOnlyAfterTheLastSupportedDay() {
    OsInfo debian11 = new OsInfo("debian", "11", "bullseye", null, "etc/os-release");
    ListAdvisorySource none = new ListAdvisorySource(List.of());
    assertThat(new Matcher().match(List.of(), debian11, none, Instant.parse("2026-08-31T23:00:00Z"))).isEmpty();
    assertThat(new Matcher().match(List.of(), debian11, none, Instant.parse("2026-09-01T00:00:01Z")))
        .extracting(Vulnerability::id, Vulnerability::status, Vulnerability::severity, Vulnerability::purl)
        .containsExactly(tuple("DRYDOCK-EOL-debian-11", Status.END_OF_LIFE, Severity.HIGH, "pkg:generic/debian@11"));
    assertThat(new Matcher().match(List.of(), new OsInfo("alpine", "3.19.1", null, null, "etc/alpine-release"), none,
        NOW)).extracting(Vulnerability::id).containsExactly("DRYDOCK-EOL-alpine-3.19");
    assertThat(new Matcher().match(List.of(), new OsInfo("alpine", "3.22.0", null, null, null), none, NOW)).isEmpty();
  }

  @Test
  void languagePackagesOnlyMatchTheirOwnEcosystem() {
    // lodash-rails (RubyGems) and org.webjars.npm advisories name lodash-like packages; npm lodash must not see
    // advisories only listing other ecosystems, and a gem named lodash must not see npm advisories
    InstalledPackage gem = new InstalledPackage("pkg:gem/lodash@4.17.15",
        Package.of(dev.drydock.model.Ecosystem.GEM, null, "lodash", "4.17.15", "Gemfile.lock"), 1, null, null, List.of());
    assertThat(new Matcher().match(List.of(gem), null, new ListAdvisorySource(RECORDS), NOW)).isEmpty();
    InstalledPackage rpm = new InstalledPackage("pkg:rpm/redhat/openssl@1.1.1k-5.el8",
        Package.of(dev.drydock.model.Ecosystem.RPM, null, "openssl", "1.1.1k-5.el8", "var/lib/rpm"), 0, null, null,
        List.of());
    assertThat(new Matcher().match(List.of(rpm), new OsInfo("rhel", "8.9", null, null, null),
        new ListAdvisorySource(RECORDS), NOW)).isEmpty();
  }
}
