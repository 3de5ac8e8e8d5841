package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.gate.GateReport;
import dev.drydock.gate.eval.Decision;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filters of misconfigurations and secrets, the scanner selection and what --exit-code counts. */
class FindingFilterTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  @TempDir Path tmp;

  private static ExposedSecret secret(String rule, String category, Severity severity, String path) {
    return new ExposedSecret(rule, category, severity, rule, path, 1, 1, "ABCD****", "f".repeat(64), null, false,
        null, null, null);
  }

  private static Misconfiguration config(String rule, Severity severity) {
    return new Misconfiguration(rule, severity, rule, "image-config", 0, 0, "fix", List.of(), List.of(), null, null);
  }

  private static final ScanResult RESULT = ScanResult.builder()
      .schemaVersion(1)
      .drydockVersion("test")
      .createdAt("2026-11-29T00:00:00Z")
      .target(new Target("docker-archive", "app.tar", null, null, null, null))
      .misconfigurations(List.of(config("DD-IMG-001", Severity.HIGH), config("DD-IMG-012", Severity.LOW)))
      .secrets(List.of(secret("DD-SEC-016", "private-key", Severity.CRITICAL, "root/.ssh/id_rsa"),
          secret("DD-SEC-020", "generic", Severity.MEDIUM, "app/settings.py")))
      .checksRun(List.of("secrets", "image-config"))
      .build();

  private static FindingFilter.Options options(Scanners on, Set<Severity> severities, List<Path> ignores,
      boolean show) {
    return new FindingFilter.Options(on, severities, FindingFilter.load(ignores), show);
  }

  @Test
  void severityAppliesToMisconfigurationsAndSecretsAndTheExitCodeCountsWhatRemains() {
    ScanResult all = FindingFilter.apply(RESULT, options(Scanners.ALL, Set.of(), List.of(), false), NOW);
    assertThat(FindingFilter.remaining(all)).isEqualTo(4);
    assertThat(FindingFilter.exitCode(all, 9)).isEqualTo(9);
    ScanResult critical = FindingFilter.apply(RESULT, options(Scanners.ALL, Set.of(Severity.CRITICAL), List.of(),
        false), NOW);
    assertThat(critical.misconfigurations()).isEmpty();
    assertThat(critical.secrets()).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-016");
    ScanResult info = FindingFilter.apply(RESULT, options(Scanners.ALL, Set.of(Severity.UNKNOWN), List.of(), false),
        NOW);
    assertThat(FindingFilter.exitCode(info, 9)).isZero();
  }

  @Test
  void scannersNotSelectedLoseTheirFindingsAndTheirFamilies() {
    ScanResult vulnOnly = FindingFilter.apply(RESULT, options(Scanners.parse("vuln"), Set.of(), List.of(), false),
        NOW);
    assertThat(vulnOnly.misconfigurations()).isEmpty();
    assertThat(vulnOnly.secrets()).isEmpty();
    assertThat(vulnOnly.checksRun()).as("compliance must say 'not tested', not 'pass'").isEmpty();
    ScanResult noSecrets = FindingFilter.apply(RESULT, options(Scanners.ALL.withoutSecret(), Set.of(), List.of(),
        false), NOW);
    assertThat(noSecrets.checksRun()).containsExactly("image-config");
    assertThat(noSecrets.misconfigurations()).hasSize(2);
  }

  @Test
  void ignoreFileSuppressesAndShowSuppressedKeepsThemWithExpiredEntriesWarned() throws IOException {
    Path ignore = Files.writeString(tmp.resolve("ignore.yaml"), String.join("\n",
        "misconfigurations:",
        "  - id: DD-IMG-012",
        "    reason: orchestrator health checks",
        "  - id: DD-IMG-001",
        "    reason: was accepted",
        "    expires: 2026-01-01",
        "secrets:",
        "  - id: DD-SEC-020",
        "    paths: [\"app/*\"]",
        "    reason: a sample value",
        ""));
    ScanResult hidden = FindingFilter.apply(RESULT, options(Scanners.ALL, Set.of(), List.of(ignore), false), NOW);
    assertThat(hidden.misconfigurations()).extracting(Misconfiguration::ruleId).containsExactly("DD-IMG-001");
    assertThat(hidden.secrets()).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-016");
    assertThat(hidden.suppressed()).isEmpty();
    assertThat(hidden.warnings()).containsExactly(ignore + ":4: ignore entry for DD-IMG-001 expired on 2026-01-01;"
        + " it no longer suppresses");
    ScanResult shown = FindingFilter.apply(RESULT, options(Scanners.ALL, Set.of(), List.of(ignore), true), NOW);
    assertThat(shown.suppressed()).extracting(s -> s.misconfiguration() != null ? s.misconfiguration().ruleId()
        : s.secret().ruleId(), s -> s.by()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("DD-IMG-012", "ignorefile:" + ignore + ":2"),
            org.assertj.core.groups.Tuple.tuple("DD-SEC-020", "ignorefile:" + ignore + ":8"));
  }

  @Test
  void aResultWrittenBeforeCategoriesStillFailsTheGateOnItsPrivateKey() {
    ScanResult old = RESULT.withFindings(List.of(), List.of(new ExposedSecret("DD-SEC-016", null, Severity.CRITICAL,
        "Private key", "root/.ssh/id_rsa", 1, 1, "MIIE****", "e".repeat(64), null, true, null, null, null)),
        List.of("secrets"));
    assertThat(FindingFilter.categorized(old).secrets().get(0).category()).isEqualTo("private-key");
    GateReport report = GateRun.run(List.of(old), null, null, null, null, NOW);
    assertThat(report.result().decision()).isEqualTo(Decision.FAIL);
    assertThat(report.result().reasons()).contains("must-pass rule tag:secret:private-key failed: 1 finding");
  }

  @Test
  void scannerNamesAreCheckedOneLine() {
    assertThat(Scanners.parse(" Vuln , secret")).isEqualTo(new Scanners(true, false, true));
    assertThat(Scanners.parse("vuln,misconfig,secret")).isEqualTo(Scanners.ALL);
    assertThatThrownBy(() -> Scanners.parse("vuln,config")).isInstanceOf(DrydockException.class)
        .hasMessage("--scanners: unknown scanner 'config' (expected a comma-separated list of vuln, misconfig,"
            + " secret)");
    assertThatThrownBy(() -> Scanners.parse("")).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("--scanners: no scanner given");
  }
}
