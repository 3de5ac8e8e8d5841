package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The finding family: every {@link FindingKind} has a record, a list in {@link ScanResult} and a place in
 * {@link ScanResult#findings()}; the builder builds and copies results.
 */
class FindingFamilyTest {

  /** One finding of {@code kind}. No default: a new kind does not compile until it has a sample here. */
  static Finding sample(FindingKind kind) {
    return switch (kind) {
      case VULNERABILITY -> new Vulnerability("CVE-2023-5678", List.of("DSA-5532-1"), "pkg:deb/debian/libssl3@3.0.11",
          Ecosystem.DEB, "openssl", "3.0.11-1~deb12u1", List.of("3.0.11-1~deb12u2"), Vulnerability.Status.FIXED,
          Severity.MEDIUM, List.of(), null, null, null, false, null, 40.0, "openssl: DH checks too slow", null, 0,
          "sha256:aa", null, List.of("var/lib/dpkg/status"), List.of(), List.of("debian"), null, null);
      case MISCONFIGURATION -> new Misconfiguration("DD-DF-001", Severity.HIGH, "Image runs as root", "Dockerfile", 7, 1,
          "Add a USER instruction.", List.of("hadolint:DL3002"), List.of("cis-docker:4.1"), null, null);
      case SECRET -> ExposedSecret.inFile("DD-SEC-001", "cloud", Severity.CRITICAL, "AWS access key id", "app/.env", 3,
          12, "AKIA****", "f00d");
      case WEB_ALERT -> new WebAlert("DD-WEB-001", "10038", Severity.MEDIUM, "WARN",
          "Content Security Policy (CSP) header not set", "https://app.example/", "Content-Security-Policy", null,
          "Send a Content-Security-Policy header.", List.of("zap:10038"), List.of("owasp-asvs:14.4.3"));
    };
  }

  @Test
  void everyKindHasItsRecordItsListAndItsLowerCaseName() {
    for (FindingKind kind : FindingKind.values()) {
      Finding f = sample(kind);
      assertThat(f.kind()).isEqualTo(kind);
      ScanResult r = ScanResult.builder().addFinding(f).build();
      assertThat(r.findings(kind)).containsExactly(f);
      assertThat(r.findings()).containsExactly(f);
      assertThat(kind.id()).isEqualTo(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    assertThat(List.of(FindingKind.values())).extracting(FindingKind::id)
        .containsExactly("vulnerability", "misconfiguration", "secret", "web-alert");
  }

  @Test
  void commonAccessorsSayWhatAndWhere() {
    Finding vuln = sample(FindingKind.VULNERABILITY);
    assertThat(vuln.ruleId()).isEqualTo("CVE-2023-5678");
    assertThat(vuln.location()).isEqualTo("openssl@3.0.11-1~deb12u1");
    assertThat(vuln.controls()).isEmpty();
    Finding misconfig = sample(FindingKind.MISCONFIGURATION);
    assertThat(misconfig.ruleId()).isEqualTo("DD-DF-001");
    assertThat(misconfig.location()).isEqualTo("Dockerfile:7");
    assertThat(misconfig.controls()).containsExactly("cis-docker:4.1");
    Finding secret = sample(FindingKind.SECRET);
    assertThat(secret.location()).isEqualTo("app/.env:3");
    assertThat(secret.title()).isEqualTo("AWS access key id");
    Finding web = sample(FindingKind.WEB_ALERT);
    assertThat(web.location()).isEqualTo("https://app.example/ [Content-Security-Policy]");
    assertThat(web.layerDiffId()).isNull();
    assertThat(web.controls()).containsExactly("owasp-asvs:14.4.3");
    assertThat(new Misconfiguration("DD-IMG-001", Severity.LOW, "t", "image-config", 0, 0, null, null, null, null,
        null).location()).isEqualTo("image-config");
  }

  @Test
  void findingsListsEveryKindInKindOrderEachInItsOwnOrder() {
    Misconfiguration second = new Misconfiguration("DD-DF-002", Severity.LOW, "no HEALTHCHECK", "Dockerfile", 0, 0,
        null, null, null, null, null);
    // added out of kind order: findings() still lists them by kind
    ScanResult r = ScanResult.builder()
        .addFinding(sample(FindingKind.SECRET))
        .addFinding(sample(FindingKind.MISCONFIGURATION))
        .addFinding(second)
        .addFinding(sample(FindingKind.VULNERABILITY))
        .build();
    List<Finding> expected = new ArrayList<>();
    for (FindingKind kind : FindingKind.values()) {
      expected.addAll(r.findings(kind));
    }
    assertThat(r.findings()).containsExactlyElementsOf(expected).extracting(Finding::ruleId)
        .containsExactly("CVE-2023-5678", "DD-DF-001", "DD-DF-002", "DD-SEC-001");
  }

  @Test
  void toBuilderCopiesEveryFieldAndTheWithMethodsGoThroughIt() {
    ScanResult r = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION).drydockVersion("0.1.0").createdAt("2026-12-07T00:00:00Z")
        .target(new Target("docker-archive", "app.tar", null, null, List.of(), null))
        .os(null).config(null)
        .addFinding(sample(FindingKind.VULNERABILITY))
        .suppressed(List.of(new SuppressedFinding((ExposedSecret) sample(FindingKind.SECRET), "ignorefile:x:1", "ok")))
        .checksRun(List.of("secrets"))
        .coverage(List.of())
        .stats(new ScanStats(1, 1, 0, 2, 3, 4))
        .warnings(List.of("w1"))
        .build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
    ScanResult v = r.withVulnerabilities(List.of(), List.of(), List.of("w2"));
    assertThat(v.vulnerabilities()).isEmpty();
    assertThat(v.suppressed()).isEmpty();
    assertThat(v.warnings()).containsExactly("w1", "w2");
    assertThat(v.stats()).isEqualTo(r.stats());
    ScanResult f = r.withFiltered(List.of((Misconfiguration) sample(FindingKind.MISCONFIGURATION)), List.of(),
        List.of(new SuppressedFinding((Vulnerability) sample(FindingKind.VULNERABILITY), "vex:v.json", null)),
        List.of("w3"));
    assertThat(f.suppressed()).extracting(SuppressedFinding::finding).extracting(Finding::kind)
        .containsExactly(FindingKind.SECRET, FindingKind.VULNERABILITY);
    assertThat(f.warnings()).containsExactly("w1", "w3");
    assertThat(f.vulnerabilities()).isEqualTo(r.vulnerabilities());
    ScanResult empty = ScanResult.builder().build();
    assertThat(empty.layers()).isEmpty();
    assertThat(empty.findings()).isEmpty();
    assertThat(empty.target()).isNull();
  }
}
