package dev.drydock.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.report.FindingSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF for misconfigurations and secrets: rules, regions, redaction, schema validity. */
class SarifFindingsTest {

  @Test
  void resultWithMisconfigurationsAndSecretsValidatesAgainstTheSchema() throws IOException {
    JsonNode doc = SarifReportTest.parse(SarifReportTest.render(FindingSamples.debianWithMisconfigurationsAndSecrets()));
    assertThat(SarifReportTest.errors(doc)).isEmpty();
  }

  @Test
  void oneRulePerRuleIdWithHelpTagsAndSecuritySeverity() throws IOException {
    JsonNode run = SarifReportTest.parse(SarifReportTest.render(FindingSamples.debianWithMisconfigurationsAndSecrets()))
        .at("/runs/0");
    List<String> ids = new ArrayList<>();
    run.at("/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).containsExactly("DD-DF-001", "DD-IMG-004", "DD-IMG-008", "DD-SEC-001", "DD-SEC-007");
    JsonNode df = run.at("/tool/driver/rules/0");
    assertThat(df.at("/shortDescription/text").asText()).isEqualTo("Image runs as root: last USER is root or missing");
    assertThat(df.at("/help/text").asText()).startsWith("Add a USER instruction").contains("hadolint DL3002");
    assertThat(df.at("/properties/security-severity").asText()).isEqualTo("7.0");
    assertThat(df.at("/properties/tags")).extracting(JsonNode::asText).contains("misconfiguration", "cis-docker:4.1");
    assertThat(run.at("/tool/driver/rules/3/properties/tags")).extracting(JsonNode::asText).contains("secret");
  }

  @Test
  void regionsOnlyWhenTheLineIsKnownAndIndexesMatchTheRules() throws IOException {
    JsonNode results = SarifReportTest.parse(SarifReportTest.render(
        FindingSamples.debianWithMisconfigurationsAndSecrets())).at("/runs/0/results");
    assertThat(results).hasSize(5);
    JsonNode df = results.get(0);
    assertThat(df.get("ruleIndex").asInt()).isZero();
    assertThat(df.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("deploy/Dockerfile");
    assertThat(df.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(df.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(1);
    JsonNode port = results.get(1);
    assertThat(port.at("/locations/0/physicalLocation").has("region")).isFalse();
    assertThat(port.at("/locations/0/logicalLocations/0/name").asText()).isEqualTo("ExposedPorts 5432/tcp");
    assertThat(port.get("level").asText()).isEqualTo("warning");
    JsonNode setuid = results.get(2);
    assertThat(setuid.at("/properties/layerDiffId").asText()).isEqualTo(FindingSamples.LAYER);
    JsonNode aws = results.get(3);
    assertThat(aws.get("ruleIndex").asInt()).isEqualTo(3);
    assertThat(aws.at("/message/text").asText()).isEqualTo("AWS access key id: AKIA**** (deleted in a later layer,"
        + " still in the image)");
    assertThat(aws.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
    assertThat(aws.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(12);
    assertThat(aws.at("/properties/deleted").asBoolean()).isTrue();
    JsonNode gh = results.get(4);
    assertThat(gh.at("/properties/commit").asText()).startsWith("0123456789ab");
    assertThat(gh.get("level").asText()).isEqualTo("error");
  }

  @Test
  void noSecretValueOnlyTheRedactedForm() throws IOException {
    String text = new String(SarifReportTest.render(FindingSamples.debianWithMisconfigurationsAndSecrets()),
        StandardCharsets.UTF_8);
    assertThat(text).contains("AKIA****").contains("ghp_****");
  }

  @Test
  void suppressedFindingsAreResultsWithAnAcceptedExternalSuppression() throws IOException {
    JsonNode doc = SarifReportTest.parse(SarifReportTest.render(FindingSamples.everyKindWithSuppressed()));
    assertThat(SarifReportTest.errors(doc)).isEmpty();
    JsonNode run = doc.at("/runs/0");
    List<String> live = new ArrayList<>();
    List<String> dismissed = new ArrayList<>();
    run.get("results").forEach(r -> {
      String rule = run.at("/tool/driver/rules/" + r.get("ruleIndex").asInt() + "/id").asText();
      assertThat(rule).isEqualTo(r.get("ruleId").asText());
      if (!r.has("suppressions")) {
        live.add(rule);
        return;
      }
      JsonNode s = r.at("/suppressions/0");
      dismissed.add(rule + " " + s.get("kind").asText() + " " + s.get("status").asText() + " "
          + s.at("/properties/suppressedBy").asText() + " " + s.get("justification").asText());
    });
    assertThat(live).containsExactly("CVE-2023-4039", "DD-DF-001", "DD-IMG-008", "DD-SEC-001");
    assertThat(dismissed).containsExactly(
        "CVE-2021-44228 external accepted vex:app.openvex.json not_affected (vulnerable_code_not_in_execute_path):"
            + " no JNDI lookups",
        "CVE-2023-5678 external accepted ignorefile:.drydockignore.yaml:3 the app never uses this API",
        "DD-IMG-004 external accepted ignorefile:.drydockignore.yaml:7 this image is the database",
        "DD-SEC-007 external accepted ignorefile:.drydockignore.yaml:10 a revoked sample token");
    List<String> ids = new ArrayList<>();
    run.at("/tool/driver/rules").forEach(r -> ids.add(r.get("id").asText()));
    assertThat(ids).doesNotHaveDuplicates().contains("CVE-2021-44228", "DD-IMG-004", "DD-SEC-007");
  }
}
