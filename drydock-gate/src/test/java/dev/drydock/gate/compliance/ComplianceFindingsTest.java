package dev.drydock.gate.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.gate.compliance.ControlResult.Status;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Controls backed by finding rules and check families: PASS when the family ran and found nothing, FAIL with the
 * findings as evidence, NOT_TESTED when the family did not run.
 */
class ComplianceFindingsTest {
  private static final String LAYER = "sha256:" + "ab".repeat(32);

  private static Misconfiguration finding(String rule, String file, int line, List<String> controls, String layer) {
    return new Misconfiguration(rule, Severity.HIGH, rule + " title", file, line, 1, "fix it", List.of(), controls,
        layer, null);
  }

  /** The demo image's scan with these findings and families. */
  private static ScanResult demo(List<Misconfiguration> m, List<ExposedSecret> s, List<String> families) {
    return ComplianceTest.DEMO.withFindings(m, s, families);
  }

  /** A result of another command (drydock config / host): no image, no packages. */
  private static ScanResult other(String kind, List<Misconfiguration> m, List<String> families) {
    return ScanResult.builder()
        .schemaVersion(1)
        .drydockVersion("test")
        .createdAt("2026-11-29T00:00:00Z")
        .target(new Target(kind, "x", null, null, null, null))
        .misconfigurations(m)
        .checksRun(families)
        .build();
  }

  @Test
  void imageConfigFindingsFailTheirControlsAndTheOthersOfTheFamilyPass() {
    ScanResult r = demo(List.of(
        finding("DD-IMG-001", "image-config", 0, List.of("cis-docker:4.1", "nist-800-190:4.1.2"), null),
        finding("DD-IMG-008", "usr/bin/passwd", 0, List.of("cis-docker:4.8", "nist-800-190:4.1.2"), LAYER)),
        List.of(), List.of("image-config"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(r), null, ComplianceTest.DAY);
    ControlResult user = cis.control("4.1");
    assertThat(user.status()).isEqualTo(Status.FAIL);
    assertThat(user.checks()).contains("config.root-user", "rule:DD-IMG-001").doesNotContain("rule:DD-DF-001");
    assertThat(user.evidence()).extracting(Evidence::findingId).containsExactly("user=(empty: root)", "DD-IMG-001");
    ControlResult setuid = cis.control("4.8");
    assertThat(setuid.evidence()).filteredOn(e -> e.findingId().equals("DD-IMG-008")).singleElement()
        .satisfies(e -> {
          assertThat(e.location()).isEqualTo("usr/bin/passwd");
          assertThat(e.layerDiffId()).isEqualTo(LAYER);
        });
    // image-config ran and found no secret in the environment or history: 4.10 passes
    assertThat(cis.control("4.10").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("4.10").checks()).containsExactly("rule:DD-IMG-005", "rule:DD-IMG-006", "rule:DD-IMG-007");
    // dockerfile did not run: its rules do not test 4.9
    assertThat(cis.control("4.9").status()).isEqualTo(Status.NOT_TESTED);
    // no host or runtime checks ran
    assertThat(cis.control("2.2").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("5.5").status()).isEqualTo(Status.NOT_TESTED);

    ComplianceReport nist = Compliance.report("nist-800-190", List.of(r), null, ComplianceTest.DAY);
    assertThat(nist.control("4.1.2").evidence()).extracting(Evidence::findingId)
        .contains("DD-IMG-001", "DD-IMG-008");
    assertThat(nist.control("4.1.4").status()).isEqualTo(Status.PASS);
    assertThat(nist.control("4.4.3").status()).isEqualTo(Status.NOT_TESTED);
  }

  @Test
  void dockerfileRulesTestSection4AndSecretsFail410() {
    ExposedSecret key = new ExposedSecret("DD-SEC-001", "cloud", Severity.CRITICAL, "AWS access key id", "app/.env", 3, 1,
        "AKIA****", "f".repeat(64), LAYER, true, null, null, null);
    ScanResult r = other("config", List.of(finding("DD-DF-004", "Dockerfile", 7, List.of("cis-docker:4.9"), null)),
        List.of("dockerfile", "secrets"));
    ScanResult withSecret = r.withFindings(r.misconfigurations(), List.of(key), r.checksRun());
    ComplianceReport cis = Compliance.report("cis-docker", List.of(withSecret), null, ComplianceTest.DAY);
    assertThat(cis.control("4.9").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("4.9").evidence()).extracting(Evidence::location).containsExactly("Dockerfile:7");
    assertThat(cis.control("4.1").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("4.1").checks()).containsExactly("rule:DD-DF-001");
    assertThat(cis.control("4.7").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("4.7").checks()).containsExactly("rule:DD-DF-027");
    ControlResult secrets = cis.control("4.10");
    assertThat(secrets.status()).isEqualTo(Status.FAIL);
    assertThat(secrets.evidence()).singleElement().satisfies(e -> {
      assertThat(e.findingId()).isEqualTo("DD-SEC-001 AKIA****");
      assertThat(e.location()).isEqualTo("app/.env:3");
      assertThat(e.layerDiffId()).isEqualTo(LAYER);
    });
    // a config result holds no packages or image: the vulnerability and image-config checks do not apply
    assertThat(cis.control("4.4").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("4.6").checks()).containsExactly("rule:DD-DF-011");
    ComplianceReport nist = Compliance.report("nist-800-190", List.of(withSecret), null, ComplianceTest.DAY);
    assertThat(nist.control("4.1.4").status()).isEqualTo(Status.FAIL);
    assertThat(nist.control("4.1.2").evidence()).extracting(Evidence::findingId).containsExactly("DD-DF-004");
  }

  @Test
  void hostFindingsAreEvidenceByTheirControlKeyAndTheHostFamilyTestsSections1To3() {
    ScanResult host = other("host", List.of(
        finding("DD-HOST-2.2", "etc/docker/daemon.json", 1, List.of("cis-docker:2.2"), null),
        finding("DD-HOST-3.16", "var/run/docker.sock", 0, List.of("cis-docker:3.16"), null)), List.of("host"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(host), null, ComplianceTest.DAY);
    assertThat(cis.control("2.2").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("2.2").evidence()).singleElement().satisfies(e -> {
      assertThat(e.check()).isEqualTo("control:cis-docker:2.2");
      assertThat(e.location()).isEqualTo("etc/docker/daemon.json:1");
    });
    assertThat(cis.control("3.16").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("1.1.1").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("1.2.1").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("4.1").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("5.4").status()).isEqualTo(Status.NOT_TESTED);
    ComplianceReport nist = Compliance.report("nist-800-190", List.of(host), null, ComplianceTest.DAY);
    assertThat(nist.control("4.4.3").evidence()).extracting(Evidence::findingId).containsExactly("DD-HOST-2.2");
    assertThat(nist.control("4.5.4").evidence()).extracting(Evidence::findingId).containsExactly("DD-HOST-3.16");
    assertThat(nist.control("4.5.3").status()).isEqualTo(Status.PASS);
  }

  @Test
  void dockerRuntimeFamiliesTestSection5AndAFindingForAnUnmappedControlStillFailsIt() {
    ScanResult compose = other("config", List.of(
        finding("DD-RT-001", "compose.yaml", 12, List.of("cis-docker:5.5", "nist-800-190:4.4.3"), null),
        finding("DD-RT-099", "compose.yaml", 30, List.of("cis-docker:5.7"), null)), List.of("compose"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(compose), null, ComplianceTest.DAY);
    assertThat(cis.control("5.5").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("5.4").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("5.15").status()).as("docker inspect only").isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("5.25").status()).as("no rule behind it").isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("5.7").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("5.7").checks()).containsExactly("control:cis-docker:5.7");
    assertThat(Compliance.report("nist-800-190", List.of(compose), null, ComplianceTest.DAY).control("4.4.3")
        .evidence()).extracting(Evidence::findingId).containsExactly("DD-RT-001", "DD-RT-099");
  }

  @Test
  void kubernetesWorkloadsAreJudgedByPodSecurityStandardsNotTheCisDockerBenchmark() {
    ScanResult k8s = other("config", List.of(
        finding("DD-RT-001", "deploy.yaml", 12, List.of("pss:baseline", "pss:restricted"), null)),
        List.of("kubernetes"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(k8s), null, ComplianceTest.DAY);
    assertThat(cis.control("5.5").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("5.4").status()).isEqualTo(Status.NOT_TESTED);
  }

  @Test
  void aHostResultListingItsDecidedControlsLeavesTheOthersNotTested() {
    ScanResult host = other("host", List.of(
        finding("DD-HOST-2.2", "etc/docker/daemon.json", 1, List.of("cis-docker:2.2"), null)),
        List.of("host", "host:2.2", "host:2.3"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(host), null, ComplianceTest.DAY);
    assertThat(cis.control("2.2").status()).isEqualTo(Status.FAIL);
    assertThat(cis.control("2.3").status()).isEqualTo(Status.PASS);
    assertThat(cis.control("1.1.2").status()).as("left MANUAL by the audit").isEqualTo(Status.NOT_TESTED);
    assertThat(cis.control("1.2.2").status()).as("INFO: no vulnerability store").isEqualTo(Status.NOT_TESTED);
  }

  @Test
  void catalogChecksAreValidated() {
    assertThat(Checks.problem("rule:DD-IMG-001")).isNull();
    assertThat(Checks.problem("rule:DD-HOST-3.*")).isNull();
    assertThat(Checks.problem("family:kubernetes")).isNull();
    assertThat(Checks.problem("rule:XYZ-1")).contains("no known family");
    assertThat(Checks.problem("family:helm")).contains("unknown family 'helm'");
    assertThat(Checks.problem("config.nope")).contains("unknown check");
    assertThatThrownBy(() -> Compliance.report("nope", List.of(), null, ComplianceTest.DAY))
        .isInstanceOf(DrydockException.class);
  }
}
