package dev.drydock.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.report.Samples;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A family not checked is a DD-DATA-001 error result; the data and coverage are run properties. */
class NotCheckedSarifTest {

  @Test
  void eachNotCheckedFamilyIsAnErrorResultOfRuleDdData001() throws IOException {
    JsonNode root = SarifReportTest.parse(SarifReportTest.render(Samples.debianImageWithCoverage()));
    assertThat(SarifReportTest.errors(root)).isEmpty();
    JsonNode run = root.get("runs").get(0);
    JsonNode result = null;
    for (JsonNode r : run.get("results")) {
      if (r.get("ruleId").asText().equals("DD-DATA-001")) {
        assertThat(result).as("one result per family").isNull();
        result = r;
      }
    }
    assertThat(result).isNotNull();
    assertThat(result.get("level").asText()).isEqualTo("error");
    assertThat(result.get("message").get("text").asText()).isEqualTo("no advisory data for maven: 2 packages not checked");
    assertThat(result.get("locations").get(0).get("logicalLocations").get(0).get("name").asText()).isEqualTo("maven");
    assertThat(result.get("properties").get("packages").asInt()).isEqualTo(2);
    int index = result.get("ruleIndex").asInt();
    assertThat(run.get("tool").get("driver").get("rules").get(index).get("id").asText()).isEqualTo("DD-DATA-001");

    JsonNode props = run.get("properties");
    assertThat(props.get("advisoryData").get(1).get("source").asText()).isEqualTo("kev");
    assertThat(props.get("advisoryData").get(1).get("dataDate").asText()).isEqualTo("2026-11-30T17:04:19.9796Z");
    assertThat(props.get("coverage").get(1).get("checked").asBoolean()).isFalse();
  }

  @Test
  void noDdData001WhenEverythingWasChecked() throws IOException {
    JsonNode root = SarifReportTest.parse(SarifReportTest.render(Samples.debianImage()));
    assertThat(root.toString()).doesNotContain("DD-DATA-001");
  }
}
