package dev.drydock.gate.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.compliance.ControlResult.Status;
import dev.drydock.gate.eval.Counts;
import dev.drydock.gate.eval.Decision;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compliance reports on the demo image's real scan (fixtures/gate/FIXTURES.md). Expected values were read
 * from the fixture with python3 json.load: user absent, no healthcheck, exposedPorts [8080/tcp], one notable
 * file usr/bin/passwd mode 0o4755, 62 vulnerabilities all FIXED, log4j-core ids CVE-2021-44228,
 * CVE-2021-45046, CVE-2021-45105, CVE-2026-34480 in layer sha256:0134aff8...
 */
class ComplianceTest {
  static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  static final ScanResult DEMO = load();
  static final LocalDate DAY = LocalDate.of(2026, 11, 29);
  static final String LOG4J_LAYER = "sha256:0134aff825b9fc73880e94a9110abc86fd0c1b55715452bc9b10e378c714e458";

  static ScanResult load() {
    try (InputStream in = ComplianceTest.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      return JSON.readValue(in, ScanResult.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ScanResult withConfig(ScanResult r, String user, List<String> ports, List<String> healthcheck) {
    ImageConfig c = r.config();
    ImageConfig n = new ImageConfig(c.os(), c.architecture(), c.variant(), user, c.env(), ports, c.entrypoint(),
        c.cmd(), c.workingDir(), c.labels(), healthcheck, c.history());
    return r.toBuilder()
        .config(n)
        .notableFiles(List.of())
        .vulnerabilities(List.of())
        .suppressed(List.of())
        .misconfigurations(List.of())
        .secrets(List.of())
        .checksRun(List.of())
        .advisoryData(List.of())
        .coverage(List.of())
        .build();
  }

  @Test
  void cisRootUserSetuidHealthcheckAndPatchesFailOnTheDemoImage() {
    ComplianceReport rep = Compliance.report("cis-docker", List.of(DEMO), null, DAY);
    assertThat(rep.date()).isEqualTo("2026-11-29");
    ControlResult user = rep.control("4.1");
    assertThat(user.title()).isEqualTo("Ensure that a user for the container has been created");
    assertThat(user.status()).isEqualTo(Status.FAIL);
    assertThat(user.evidence()).extracting(Evidence::findingId).containsExactly("user=(empty: root)");
    ControlResult setuid = rep.control("4.8");
    assertThat(setuid.status()).isEqualTo(Status.FAIL);
    assertThat(setuid.evidence()).extracting(Evidence::location).containsExactly("usr/bin/passwd");
    assertThat(setuid.evidence().get(0).findingId()).isEqualTo("setuid mode 4755");
    assertThat(rep.control("4.6").status()).isEqualTo(Status.FAIL);
    ControlResult patches = rep.control("4.4");
    assertThat(patches.status()).isEqualTo(Status.FAIL);
    assertThat(patches.evidence()).hasSize(62);
    assertThat(patches.evidence()).filteredOn(e -> e.findingId().equals("CVE-2021-44228")).singleElement()
        .satisfies(e -> {
          assertThat(e.layerDiffId()).isEqualTo(LOG4J_LAYER);
          assertThat(e.location()).isEqualTo("app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar");
          assertThat(e.target()).isEqualTo("examples/demo-app.tar");
        });
  }

  @Test
  void everyCisControlDrydockCannotTestIsNotTested() {
    ComplianceReport rep = Compliance.report("cis-docker", List.of(DEMO), null, DAY);
    assertThat(rep.controls()).filteredOn(c -> c.id().startsWith("4.")).extracting(ControlResult::id)
        .containsExactly("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12");
    // the fixture predates the config checks (no checksRun): only the named checks on its own data apply
    assertThat(rep.controls()).filteredOn(c -> c.status() != Status.NOT_TESTED).extracting(ControlResult::id)
        .containsExactly("4.1", "4.4", "4.6", "4.8");
    assertThat(rep.controls()).hasSize(20 + 18 + 24 + 12 + 32);
    assertThat(rep.controls()).allSatisfy(c -> {
      assertThat(c.checks().isEmpty()).isEqualTo(c.status() == Status.NOT_TESTED);
      assertThat(c.evidence().isEmpty()).isEqualTo(c.status() != Status.FAIL);
    });
  }

  @Test
  void nistImageVulnerabilitiesFailWithTheLog4jCvesAndConfigurationDefectsWithRootAndSetuid() {
    ComplianceReport rep = Compliance.report("nist-800-190", List.of(DEMO), null, DAY);
    ControlResult vulns = rep.control("4.1.1");
    assertThat(vulns.title()).isEqualTo("Image vulnerabilities");
    assertThat(vulns.status()).isEqualTo(Status.FAIL);
    assertThat(vulns.evidence()).filteredOn(e -> LOG4J_LAYER.equals(e.layerDiffId())
        && e.location().contains("log4j-core")).extracting(Evidence::findingId)
        .containsExactlyInAnyOrder("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2026-34480");
    ControlResult config = rep.control("4.1.2");
    assertThat(config.status()).isEqualTo(Status.FAIL);
    assertThat(config.evidence()).extracting(Evidence::check).containsExactly("config.root-user", "files.setuid");
    // secrets, malware and signatures are not scanned yet
    assertThat(rep.control("4.1.3").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(rep.control("4.1.4").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(rep.control("4.1.5").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(rep.controls()).filteredOn(c -> c.status() != Status.NOT_TESTED).extracting(ControlResult::id)
        .containsExactly("4.1.1", "4.1.2");
    assertThat(rep.controls()).hasSize(24);
  }

  @Test
  void aHardenedImageWithoutVulnerabilitiesPasses() {
    ScanResult hardened = withConfig(DEMO, "10001:10001", List.of("8080/tcp"),
        List.of("CMD-SHELL", "curl -f http://localhost:8080/ || exit 1"));
    ComplianceReport cis = Compliance.report("cis-docker", List.of(hardened), null, DAY);
    assertThat(cis.controls()).filteredOn(c -> !c.checks().isEmpty()).allSatisfy(c ->
        assertThat(c.status()).as(c.id()).isEqualTo(Status.PASS));
    ComplianceReport nist = Compliance.report("nist-800-190", List.of(hardened), null, DAY);
    assertThat(nist.control("4.1.1").status()).isEqualTo(Status.PASS);
    assertThat(nist.control("4.1.2").status()).isEqualTo(Status.PASS);
  }

  @Test
  void sshPortAndUidZeroAreConfigurationDefects() {
    ScanResult ssh = withConfig(DEMO, "0:0", List.of("22/tcp", "8080/tcp"), List.of("NONE"));
    ComplianceReport nist = Compliance.report("nist-800-190", List.of(ssh), null, DAY);
    assertThat(nist.control("4.1.2").evidence()).extracting(Evidence::findingId)
        .containsExactly("user=0:0", "exposes 22/tcp");
    assertThat(Compliance.report("cis-docker", List.of(ssh), null, DAY).control("4.6").status())
        .isEqualTo(Status.FAIL);
  }

  @Test
  void gateRulesNamingAControlTestItAndTheirFailingFindingsAreEvidence() {
    GateFinding f = new GateFinding("config", "CFG-ADD-1", "DD-CFG-009", Severity.LOW, "ADD used", null,
        "Dockerfile:3", "sha256:aa", false, false, null, null, List.of(), List.of("cis-docker:4.9"));
    RuleResult failing = new RuleResult("DD-CFG-009", Level.MAY_FAIL, null, List.of("cis-docker:4.9"), false,
        List.of(f), List.of());
    RuleResult passing = new RuleResult("DD-CFG-010", Level.INFO, null, List.of("cis-docker:4.7"), true,
        List.of(), List.of());
    GateResult gate = new GateResult(Decision.WARN, null, null, List.of(failing, passing), List.of(), List.of(),
        List.of(), null, List.of(), List.of(), Counts.of(List.of(f), List.of(failing, passing)), List.of(f));
    ComplianceReport rep = Compliance.report("cis-docker", List.of(DEMO), gate, DAY);
    assertThat(rep.control("4.9").status()).isEqualTo(Status.FAIL);
    assertThat(rep.control("4.9").evidence()).singleElement().satisfies(e -> {
      assertThat(e.findingId()).isEqualTo("CFG-ADD-1");
      assertThat(e.location()).isEqualTo("Dockerfile:3");
      assertThat(e.layerDiffId()).isEqualTo("sha256:aa");
    });
    assertThat(rep.control("4.7").status()).isEqualTo(Status.PASS);
    assertThat(rep.control("4.7").checks()).containsExactly("rule:DD-CFG-010");
    assertThat(rep.control("4.2").status()).isEqualTo(Status.NOT_TESTED);
  }

  @Test
  void masTrmCitesChaptersOnlyAndUnknownFrameworksAreOneLineErrors() {
    ComplianceReport mas = Compliance.report("mas-trm", List.of(DEMO), null, DAY);
    assertThat(mas.controls()).extracting(ControlResult::id)
        .containsExactly("3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");
    assertThat(mas.title()).isEqualTo("MAS Technology Risk Management Guidelines (January 2021), chapter level");
    // the demo image: log4j CVEs (6, 13), fixable ones and root/setuid (7, 11), root (9); no crypto check ran (10)
    assertThat(mas.control("6").status()).isEqualTo(Status.FAIL);
    assertThat(mas.control("7").status()).isEqualTo(Status.FAIL);
    assertThat(mas.control("9").status()).isEqualTo(Status.FAIL);
    assertThat(mas.control("11").status()).isEqualTo(Status.FAIL);
    assertThat(mas.control("13").status()).isEqualTo(Status.FAIL);
    assertThat(mas.control("10").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(mas.control("3").status()).isEqualTo(Status.NOT_TESTED);
    assertThat(mas.control("8").status()).isEqualTo(Status.NOT_TESTED);
    assertThatThrownBy(() -> Compliance.report("pci-dss", List.of(DEMO), null, DAY))
        .isInstanceOf(DrydockException.class).hasMessageNotContaining("\n")
        .hasMessageContaining("pci-dss").hasMessageContaining("cis-docker");
  }

  @Test
  void tableAndJson() throws Exception {
    ComplianceReport rep = Compliance.report("cis-docker", List.of(DEMO), null, DAY);
    String table = ComplianceText.table(rep);
    assertThat(table).contains("2026-11-29")
        .containsPattern("4\\.1 +FAIL +Ensure that a user for the container has been created")
        .containsPattern("4\\.2 +not tested +Ensure that containers use only trusted base images")
        .contains("usr/bin/passwd").contains("... and 57 more")
        .endsWith("0 passed, 4 failed, 102 not tested\n");
    JsonNode json = JSON.readTree(JSON.writeValueAsString(rep));
    assertThat(json.get("framework").asText()).isEqualTo("cis-docker");
    assertThat(json.get("date").asText()).isEqualTo("2026-11-29");
    JsonNode c41 = null;
    for (JsonNode c : json.get("controls")) {
      if (c.get("id").asText().equals("4.1")) {
        c41 = c;
      }
    }
    assertThat(c41.get("status").asText()).isEqualTo("FAIL");
    assertThat(c41.get("evidence").get(0).get("check").asText()).isEqualTo("config.root-user");
  }
}
