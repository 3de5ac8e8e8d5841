package dev.drydock.report.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.model.HostControl;
import dev.drydock.model.HostReport;
import dev.drydock.model.HostStatus;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host audit's formats come from drydock-report, like every other command's. */
class HostReportsTest {
  private static final HostReport REPORT = new HostReport("/mnt/host", "CIS Docker Benchmark v1.6.0", List.of(
      new HostControl("2.2", "Ensure network traffic is restricted between containers on the default bridge",
          HostStatus.FAIL, "/mnt/host/etc/docker/daemon.json: icc not set (default true)",
          "/mnt/host/etc/docker/daemon.json", 0, Severity.MEDIUM, "Set \"icc\": false in daemon.json."),
      new HostControl("2.3", "Ensure the logging level is set to 'info'", HostStatus.PASS,
          "/mnt/host/etc/docker/daemon.json:2: log-level info", "/mnt/host/etc/docker/daemon.json", 2,
          Severity.LOW, "Set log-level to info.")),
      List.of("/mnt/host/etc/fstab: unreadable"));

  private static ScanResult result() {
    return REPORT.toScanResult("0.1.0", "2026-12-07T17:00:00Z", null, List.of(), List.of(), List.of(), 12);
  }

  private static String render(String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HostReports.write(format, REPORT, result(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theTableHasOneRowPerControlWithItsEvidenceBelowAndTheCounts() throws IOException {
    String nl = System.lineSeparator();
    assertThat(render("table")).isEqualTo("CIS Docker Benchmark v1.6.0, sections 1-3: host /mnt/host\n\n"
        + "ID      STATUS         TITLE / EVIDENCE" + nl
        + "2.2     FAIL           Ensure network traffic is restricted between containers on the default bridge" + nl
        + "                         /mnt/host/etc/docker/daemon.json: icc not set (default true)" + nl
        + "2.3     PASS           Ensure the logging level is set to 'info'" + nl
        + "                         /mnt/host/etc/docker/daemon.json:2: log-level info" + nl
        + "\n1 PASS, 1 FAIL (CIS Docker Benchmark v1.6.0)\n");
  }

  @Test
  void theJsonIsTheResultPlusEveryControl() throws IOException {
    JsonNode doc = Json.mapper().readTree(render("json"));
    assertThat(doc.path("target").path("kind").asText()).isEqualTo("host");
    assertThat(doc.path("misconfigurations").get(0).path("ruleId").asText()).isEqualTo("DD-HOST-2.2");
    JsonNode host = doc.path("host");
    assertThat(host.path("counts").path("FAIL").asInt()).isEqualTo(1);
    assertThat(host.path("controls").get(0).path("severity").asText()).isEqualTo("MEDIUM");
    assertThat(host.path("controls").get(1).has("severity")).isFalse();
    assertThat(host.path("controls").get(1).path("line").asInt()).isEqualTo(2);
    assertThat(host.path("errors").get(0).asText()).isEqualTo("/mnt/host/etc/fstab: unreadable");
  }

  @Test
  void sarifHasOneResultPerFailedControl() throws IOException {
    JsonNode sarif = Json.mapper().readTree(render("sarif"));
    assertThat(sarif.path("runs").get(0).path("results")).hasSize(1);
    assertThat(sarif.path("runs").get(0).path("results").get(0).path("ruleId").asText()).isEqualTo("DD-HOST-2.2");
  }

  @Test
  void anotherFormatIsBadInputNamingTheCommand() {
    assertThatThrownBy(() -> HostReports.check("cyclonedx")).isInstanceOf(DrydockException.class)
        .hasMessage("unknown format 'cyclonedx' for drydock host (expected table, json or sarif)");
    assertThat(HostReports.names()).containsExactly("table", "json", "sarif");
  }
}
