package dev.drydock.gate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.drift.DriftText;
import dev.drydock.model.DrydockException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportsTest {

  @Test
  void markdownShowsDecisionFailingRulesTopFindingsWaiversAndDrift() {
    DriftReport drift = DemoReports.drift();
    GateReport report = DemoReports.waived(drift);
    String md = DemoReports.render("markdown", report);
    List<String> lines = md.lines().toList();
    assertThat(lines.get(0)).isEqualTo("## drydock gate: FAIL");
    assertThat(lines).contains("**Score " + report.result().score().value() + " (grade "
        + report.result().score().grade().label() + ")** · baseline `drydock-baseline.yaml` · `examples/demo-app.tar`");
    assertThat(lines).contains("| Rule | Level | Findings |",
        "| `vuln.fixable-kev` | must-pass | 1 |",
        "| `vuln.fixable-critical` | must-pass | " + DemoReports.rule(report, "vuln.fixable-critical").failing().size()
            + " |",
        "| `vuln.high` | may-fail | " + DemoReports.rule(report, "vuln.high").failing().size() + " |");
    // the info rule is not a failing rule
    assertThat(md).doesNotContain("| `vuln.medium` |");
    // top findings: at most 20, worst first: the remaining KEV critical leads, the waived log4shell is absent
    int topStart = lines.indexOf("| Id | Severity | Package | Fixed in |");
    List<String> top = lines.subList(topStart + 2, lines.size()).stream().takeWhile(l -> l.startsWith("| ")).toList();
    assertThat(top).hasSize(20);
    assertThat(top.get(0)).isEqualTo(
        "| CVE-2021-45046 (KEV) | CRITICAL | `pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1` | 2.16.0 |");
    assertThat(top).allMatch(l -> l.contains("| CRITICAL |") || l.contains("| HIGH |"))
        .noneMatch(l -> l.startsWith("| CVE-2021-44228"));
    assertThat(lines).contains("### Expired waivers",
        "- CVE-2021-44906 owner team-web expires 2026-11-01",
        "### Waivers due for review",
        "- CVE-2021-44228 pkg:maven/org.apache.logging.log4j/log4j-core owner team-payments ticket SEC-1234"
            + " expires 2027-01-31 review-by 2026-12-15");
    assertThat(md).endsWith(DriftText.markdown(drift));
    assertThat(DriftText.markdown(drift)).contains("CVE-2021-44906");
  }

  @Test
  void tableHasTheSameContentInAlignedColumns() {
    GateReport report = DemoReports.defaults();
    String text = DemoReports.render("table", report);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).isEqualTo("Gate: FAIL  score " + report.result().score().value() + " grade "
        + report.result().score().grade().label());
    int rules = lines.indexOf("Failing rules:");
    assertThat(lines.subList(rules + 1, rules + 6)).containsExactly(
        "  RULE                   LEVEL      FINDINGS",
        "  vuln.fixable-kev       must-pass  2",
        "  vuln.fixable-critical  must-pass  15",
        "  vuln.fixable-high      may-fail   57",
        "  vuln.any               may-fail   62");
    assertThat(lines).contains("Top findings (20 of 62):");
    int top = lines.indexOf("Top findings (20 of 62):");
    String header = lines.get(top + 1);
    int pkgCol = header.indexOf("PACKAGE");
    assertThat(lines.subList(top + 2, top + 22)).allMatch(l -> l.charAt(pkgCol - 1) == ' ' && l.charAt(pkgCol) == 'p');
    assertThat(lines.get(top + 2)).startsWith("  CVE-2021-44228 (KEV)  CRITICAL");
    assertThat(text).doesNotContain("Drift:").doesNotContain("waivers");
  }

  @Test
  void tableAppendsDriftText() {
    DriftReport drift = DemoReports.drift();
    assertThat(DemoReports.render("table", DemoReports.waived(drift))).endsWith(DriftText.table(drift));
  }

  @Test
  void jsonSerialisesTheReportWithoutNulls() throws Exception {
    GateReport report = DemoReports.waived(null);
    JsonNode doc = new ObjectMapper().readTree(DemoReports.render("json", report));
    assertThat(doc.path("baseline").asText()).isEqualTo("drydock-baseline.yaml");
    assertThat(doc.has("drift")).isFalse();
    assertThat(doc.at("/result/decision").asText()).isEqualTo("FAIL");
    assertThat(doc.at("/result/score/value").asInt()).isEqualTo(report.result().score().value());
    assertThat(doc.at("/result/rules").size()).isEqualTo(4);
    assertThat(doc.at("/result/rules/0/waived/0/id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(doc.at("/result/rules/0/waived/0").has("epss")).isFalse();
    assertThat(doc.at("/result/dueForReview/0/expires").asText()).isEqualTo("2027-01-31");
    assertThat(doc.at("/result/expiredWaivers/0/owner").asText()).isEqualTo("team-web");
    assertThat(doc.at("/result/expiredWaivers/0").has("ticket")).isFalse();
  }

  @Test
  void registryKnowsEveryFormatAndNamesThemForAnUnknownOne() {
    for (String name : GateFormats.NAMES) {
      assertThat(DemoReports.render(name, DemoReports.defaults())).isNotBlank();
    }
    assertThatThrownBy(() -> GateFormats.byName("xml"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("unknown format 'xml' (expected one of: table, json, junit, sarif, markdown, html)");
  }
}
