package dev.drydock.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.FindingKind;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.WebAlert;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of finding becomes a gate finding through one path: its rule id, severity, layer and controls come
 * from {@link Finding}; only what rules select by differs per kind (a vulnerability's package and fix status, a
 * secret's fingerprint and category).
 */
class GateFindingsEveryKindTest {
  private static final String LAYER = "sha256:" + "ab".repeat(32);

  /** One finding of {@code kind}. No default: a new kind does not compile until it has a sample. */
  static Finding sample(FindingKind kind) {
    return switch (kind) {
      case VULNERABILITY -> new Vulnerability("CVE-2023-5678", List.of(), "pkg:deb/debian/libssl3@3.0.11",
          Ecosystem.DEB, "openssl", "3.0.11-1~deb12u1", List.of("3.0.11-1~deb12u2"), Vulnerability.Status.FIXED,
          Severity.MEDIUM, List.of(), null, 0.02, null, true, null, 40.0, "openssl: DH checks too slow", "2023-11-06",
          0, LAYER, null, List.of("var/lib/dpkg/status"), List.of(), List.of("debian"), null, null);
      case MISCONFIGURATION -> new Misconfiguration("DD-DF-001", Severity.HIGH, "Image runs as root", "Dockerfile", 7, 1,
          "Add a USER instruction.", List.of("hadolint:DL3002"), List.of("cis-docker:4.1"), LAYER, null);
      case SECRET -> new ExposedSecret("DD-SEC-001", "cloud", Severity.CRITICAL, "AWS access key id", "app/.env", 3,
          12, "AKIA****", "f00d", LAYER, true, "0123abcd", "Dev <dev@example.com>", "2026-01-02T03:04:05Z");
      case WEB_ALERT -> new WebAlert("DD-WEB-001", "10038", Severity.MEDIUM, "WARN",
          "Content Security Policy (CSP) header not set", "https://app.example/", "Content-Security-Policy", null,
          "Send a Content-Security-Policy header.", List.of("zap:10038"), List.of("owasp-asvs:14.4.3"));
    };
  }

  @ParameterizedTest
  @EnumSource(FindingKind.class)
  void everyKindKeepsItsRuleSeverityLayerAndControls(FindingKind kind) {
    Finding f = sample(kind);
    List<GateFinding> all = GateFindings.of(ScanResult.builder().addFinding(f).build());
    assertThat(all).hasSize(1);
    GateFinding g = all.get(0);
    assertThat(g).isEqualTo(GateFindings.of(f));
    assertThat(g.ruleId()).isEqualTo(f.ruleId());
    assertThat(g.severity()).isEqualTo(f.severity());
    assertThat(g.layerDiffId()).isEqualTo(f.layerDiffId());
    assertThat(g.controls()).isEqualTo(f.controls());
    assertThat(g.kind()).isEqualTo(kind == FindingKind.MISCONFIGURATION ? "config" : kind.id());
  }

  @Test
  void kindExtrasAreWhatRulesSelectBy() {
    GateFinding vuln = GateFindings.of(sample(FindingKind.VULNERABILITY));
    assertThat(vuln.id()).isEqualTo("CVE-2023-5678");
    assertThat(vuln.purl()).isEqualTo("pkg:deb/debian/libssl3@3.0.11");
    assertThat(vuln.location()).isEqualTo("var/lib/dpkg/status");
    assertThat(vuln.tags()).containsExactly("deb", "fixed");
    assertThat(vuln.fixable()).isTrue();
    assertThat(vuln.kev()).isTrue();
    assertThat(vuln.epss()).isEqualTo(0.02);
    assertThat(vuln.fixedVersions()).containsExactly("3.0.11-1~deb12u2");
    GateFinding config = GateFindings.of(sample(FindingKind.MISCONFIGURATION));
    assertThat(config.id()).isEqualTo("DD-DF-001");
    assertThat(config.location()).isEqualTo("Dockerfile:7");
    assertThat(config.tags()).containsExactly("config", "config:high", "hadolint:DL3002", "cis-docker:4.1");
    GateFinding secret = GateFindings.of(sample(FindingKind.SECRET));
    assertThat(secret.id()).isEqualTo("f00d");
    assertThat(secret.title()).isEqualTo("AWS access key id (AKIA****)");
    assertThat(secret.location()).isEqualTo("app/.env:3 @0123abcd");
    assertThat(secret.published()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(secret.tags()).containsExactly("secret", "secret:cloud", "deleted");
    GateFinding web = GateFindings.of(sample(FindingKind.WEB_ALERT));
    assertThat(web.kind()).isEqualTo("web-alert");
    assertThat(web.id()).isEqualTo("DD-WEB-001");
    assertThat(web.location()).isEqualTo("https://app.example/ [Content-Security-Policy]");
    assertThat(web.tags()).containsExactly("web-alert", "web:warn", "zap:10038", "owasp-asvs:14.4.3");
  }
}
