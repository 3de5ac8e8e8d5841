package dev.drydock.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.eval.Decision;
import dev.drydock.gate.eval.Gate;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in baseline over every finding kind (issue 10): an image with an AWS key pair, a GitHub token and an
 * SSH private key, running as root with port 22 exposed and a password in {@code Env}, and no vulnerability, must
 * fail; CRITICAL misconfigurations fail, HIGH ones and other secrets warn.
 */
class DefaultBaselineAllKindsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private static final String LAYER = "sha256:" + "cd".repeat(32);

  private static ExposedSecret secret(String rule, String category, Severity severity, String path, boolean deleted) {
    return new ExposedSecret(rule, category, severity, rule + " title", path, 1, 1, "ABCD****",
        Integer.toHexString((rule + path).hashCode()), LAYER, deleted, null, null, null);
  }

  private static Misconfiguration config(String rule, Severity severity) {
    return new Misconfiguration(rule, severity, rule + " title", "image-config", 0, 0, "fix it", List.of(),
        List.of(), null, null);
  }

  private static ScanResult image(List<Misconfiguration> m, List<ExposedSecret> s) {
    return ScanResult.builder()
        .schemaVersion(1)
        .drydockVersion("test")
        .createdAt("2026-11-29T00:00:00Z")
        .target(new Target("docker-archive", "app.tar", null, null, null, null))
        .misconfigurations(m)
        .secrets(s)
        .checksRun(List.of("secrets", "image-config"))
        .build();
  }

  private static GateResult gate(ScanResult r, String tier, String exposure) {
    return Gate.evaluate(BaselineLoader.defaults(), tier, exposure, GateFindings.of(r), List.of(), TODAY);
  }

  private static List<String> failed(GateResult r, String level) {
    return r.rules().stream().filter(x -> !x.passed() && x.level().label().equals(level)).map(RuleResult::ruleId)
        .toList();
  }

  /** The image of the issue. */
  private static final ScanResult ISSUE = image(
      List.of(config("DD-IMG-001", Severity.HIGH), config("DD-IMG-002", Severity.HIGH),
          config("DD-IMG-005", Severity.HIGH)),
      List.of(secret("DD-SEC-001", "cloud", Severity.CRITICAL, "app/.aws/credentials", false),
          secret("DD-SEC-021", "cloud", Severity.CRITICAL, "app/.aws/credentials", false),
          secret("DD-SEC-003", "ci", Severity.CRITICAL, "app/deploy.sh", false),
          secret("DD-SEC-016", "private-key", Severity.CRITICAL, "root/.ssh/id_rsa", true)));

  @Test
  void theIssuesImageFailsOnItsCredentialsAndWarnsOnItsConfig() {
    GateResult r = gate(ISSUE, null, null);
    assertThat(r.decision()).isEqualTo(Decision.FAIL);
    assertThat(failed(r, "must-pass")).containsExactly("tag:secret:private-key", "tag:secret:cloud",
        "tag:secret:ci");
    assertThat(failed(r, "may-fail")).containsExactly("tag:secret", "tag:config:high");
    assertThat(r.score().grade().label()).isNotEqualTo("A+");
  }

  @Test
  void aPrivateKeyAloneFailsEvenWhenAnUpperLayerDeletedIt() {
    GateResult r = gate(image(List.of(), List.of(secret("DD-SEC-016", "private-key", Severity.CRITICAL,
        "root/.ssh/id_rsa", true))), null, null);
    assertThat(r.decision()).isEqualTo(Decision.FAIL);
    assertThat(r.reasons()).contains("must-pass rule tag:secret:private-key failed: 1 finding");
  }

  @Test
  void otherSecretsWarn() {
    GateResult r = gate(image(List.of(), List.of(secret("DD-SEC-008", "saas", Severity.HIGH, "app/slack.py", false),
        secret("DD-SEC-020", "generic", Severity.MEDIUM, "app/settings.py", false))), null, null);
    assertThat(r.decision()).isEqualTo(Decision.WARN);
    assertThat(failed(r, "may-fail")).containsExactly("tag:secret");
  }

  @Test
  void criticalMisconfigurationsFailHighOnesWarnTheRestPass() {
    assertThat(gate(image(List.of(config("DD-IMG-003", Severity.CRITICAL)), List.of()), null, null).decision())
        .isEqualTo(Decision.FAIL);
    assertThat(gate(image(List.of(config("DD-IMG-001", Severity.HIGH)), List.of()), null, null).decision())
        .isEqualTo(Decision.WARN);
    assertThat(gate(image(List.of(config("DD-IMG-008", Severity.MEDIUM), config("DD-IMG-012", Severity.LOW)),
        List.of()), null, null).decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void tiersRelaxOrTightenMisconfigurationsButNeverCredentials() {
    ScanResult critical = image(List.of(config("DD-IMG-003", Severity.CRITICAL)), List.of());
    assertThat(gate(critical, "BC1", "internal").decision()).isEqualTo(Decision.WARN);
    assertThat(gate(critical, "BC3", "internal").decision()).isEqualTo(Decision.FAIL);
    ScanResult high = image(List.of(config("DD-IMG-002", Severity.HIGH)), List.of());
    assertThat(gate(high, "BC5", "internal").decision()).isEqualTo(Decision.WARN);
    assertThat(gate(high, "BC5", "internet").decision()).isEqualTo(Decision.FAIL);
    for (String tier : List.of("BC1", "BC2", "BC3", "BC4", "BC5")) {
      GateResult r = gate(ISSUE, tier, "internal");
      assertThat(r.decision()).as(tier).isEqualTo(Decision.FAIL);
      assertThat(failed(r, "must-pass")).as(tier).contains("tag:secret:private-key", "tag:secret:cloud",
          "tag:secret:ci");
    }
  }

  @Test
  void gateFindingsCarryTheSecretCategoryAndTheMisconfigurationSeverityAsTags() {
    List<GateFinding> fs = GateFindings.of(ISSUE);
    assertThat(fs).filteredOn(f -> f.ruleId().equals("DD-SEC-016")).singleElement()
        .satisfies(f -> assertThat(f.tags()).containsExactly("secret", "secret:private-key", "deleted"));
    assertThat(fs).filteredOn(f -> f.ruleId().equals("DD-IMG-001")).singleElement()
        .satisfies(f -> assertThat(f.tags()).startsWith("config", "config:high"));
  }
}
