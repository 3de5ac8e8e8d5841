package dev.drydock.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.eval.RuleResult;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Schema schema() throws Exception {
    try (InputStream in = SarifReportTest.class.getResourceAsStream("/report/sarif-2.1.0-rtm.5.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    }
  }

  private static JsonNode validated(GateReport report) throws Exception {
    JsonNode doc = JSON.readTree(DemoReports.render("sarif", report));
    List<Error> errors = schema().validate(doc);
    assertThat(errors).isEmpty();
    return doc;
  }

  private static List<JsonNode> results(JsonNode doc, String ruleId, String findingId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : doc.at("/runs/0/results")) {
      if (r.path("ruleId").asText().equals(ruleId) && r.at("/message/text").asText().startsWith(findingId + " ")) {
        out.add(r);
      }
    }
    return out;
  }

  @Test
  void defaultBaselineValidatesWithOneRulePerBaselineRule() throws Exception {
    GateReport report = DemoReports.defaults();
    JsonNode doc = validated(report);
    assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
    JsonNode driver = doc.at("/runs/0/tool/driver");
    assertThat(driver.path("name").asText()).isEqualTo("drydock-gate");
    List<String> ruleIds = new ArrayList<>();
    driver.path("rules").forEach(r -> ruleIds.add(r.path("id").asText()));
    assertThat(ruleIds).containsExactly("DD-DATA-001", "DD-DATA-002", "vuln.fixable-kev", "vuln.fixable-critical",
        "vuln.fixable-high", "vuln.any", "tag:secret:private-key", "tag:secret:cloud", "tag:secret:ci", "tag:secret",
        "tag:config:critical", "tag:config:high", "tag:web:fail", "tag:web:warn");
    assertThat(driver.at("/rules/0/properties/level").asText()).isEqualTo("must-pass");
    // one result per failing finding per rule: 2 + 15 + 57 + 62 (counts from GateTest on the same fixture)
    assertThat(doc.at("/runs/0/results").size()).isEqualTo(2 + 15 + 57 + 62);

    JsonNode log4shell = results(doc, "vuln.fixable-kev", "CVE-2021-44228").get(0);
    assertThat(log4shell.path("level").asText()).isEqualTo("error");
    assertThat(log4shell.path("ruleIndex").asInt()).isEqualTo(2); // after the two data rules
    assertThat(log4shell.at("/message/text").asText()).startsWith("CVE-2021-44228 (CRITICAL)");
    assertThat(log4shell.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar");
    assertThat(log4shell.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(log4shell.has("suppressions")).isFalse();
    assertThat(results(doc, "vuln.any", "CVE-2021-44228").get(0).path("level").asText()).isEqualTo("warning");
  }

  @Test
  void waivedFindingsAreSuppressedWithTheWaiversJustification() throws Exception {
    GateReport report = DemoReports.waived(null);
    JsonNode doc = validated(report);
    int expected = report.result().rules().stream().mapToInt(r -> r.failing().size() + r.waived().size()).sum();
    assertThat(doc.at("/runs/0/results").size()).isEqualTo(expected);
    assertThat(doc.at("/runs/0/tool/driver/rules/0/properties/controls").toString())
        .isEqualTo("[\"nist-800-53:SI-2\",\"nist-800-53:RA-5\"]");

    List<JsonNode> waived = results(doc, "vuln.fixable-kev", "CVE-2021-44228");
    assertThat(waived).hasSize(1);
    JsonNode s = waived.get(0).at("/suppressions/0");
    assertThat(s.path("kind").asText()).isEqualTo("external");
    assertThat(s.path("status").asText()).isEqualTo("accepted");
    assertThat(s.path("justification").asText())
        .isEqualTo("JNDI lookups disabled (owner team-payments, ticket SEC-1234, expires 2027-01-31)");

    // minimist's waiver expired: its finding fails again, unsuppressed
    RuleResult critical = DemoReports.rule(report, "vuln.fixable-critical");
    assertThat(critical.failing()).anyMatch(f -> f.id().equals("CVE-2021-44906"));
    JsonNode minimist = results(doc, "vuln.fixable-critical", "CVE-2021-44906").get(0);
    assertThat(minimist.has("suppressions")).isFalse();
    assertThat(minimist.path("level").asText()).isEqualTo("error");
    assertThat(results(doc, "vuln.medium", "CVE-2020-7598").get(0).path("level").asText()).isEqualTo("note");
  }
}
