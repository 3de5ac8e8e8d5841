package dev.drydock.report.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.report.Samples;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject component's drydock:notChecked and drydock:advisoryData properties. */
class NotCheckedCycloneDxTest {

  @Test
  void theSubjectCarriesNotCheckedFamiliesAndTheAdvisoryData() throws IOException {
    byte[] json = CycloneDxReportTest.render(Samples.debianImageWithCoverage());
    CycloneDxReportTest.assertValid(json);
    JsonNode subject = Json.mapper().readTree(json).get("metadata").get("component");
    List<String> notChecked = new ArrayList<>();
    List<String> data = new ArrayList<>();
    subject.get("properties").forEach(p -> {
      if (p.get("name").asText().equals("drydock:notChecked")) {
        notChecked.add(p.get("value").asText());
      } else if (p.get("name").asText().equals("drydock:advisoryData")) {
        data.add(p.get("value").asText());
      }
    });
    assertThat(notChecked).containsExactly("no advisory data for maven: 2 packages not checked");
    assertThat(data).containsExactly(
        "debian-tracker data unknown imported 2026-12-01T06:00:00Z records 51234 sha256:" + "1f".repeat(32),
        "kev data 2026-11-30T17:04:19.9796Z imported 2026-12-01T06:00:01Z records 1484 sha256:" + "2e".repeat(32));
  }
}
