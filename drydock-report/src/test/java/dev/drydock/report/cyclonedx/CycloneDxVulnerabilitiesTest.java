package dev.drydock.report.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.vulnerability.Vulnerability.Rating;
import org.junit.jupiter.api.Test;

class CycloneDxVulnerabilitiesTest {

  @Test
  void bomsWithFindingsValidateAgainstTheCycloneDx16Schema() throws IOException {
    CycloneDxReportTest.assertValid(CycloneDxReportTest.render(VulnSamples.debianWithFindings()));
    CycloneDxReportTest.assertValid(CycloneDxReportTest.render(VulnSamples.endOfLifeBuster()));
  }

  @Test
  void noFindingsNoVulnerabilitiesArray() throws IOException {
    JsonNode root = Json.mapper().readTree(CycloneDxReportTest.render(Samples.debianImage()));
    assertThat(root.has("vulnerabilities")).isFalse();
  }

  @Test
  void log4shellIsRatedSourcedAndAffectsItsJar() throws IOException {
    ScanResult scan = VulnSamples.debianWithFindings();
    JsonNode root = Json.mapper().readTree(CycloneDxReportTest.render(scan));
    JsonNode vulns = root.get("vulnerabilities");
    assertThat(vulns.size()).isEqualTo(4);
    Map<String, JsonNode> components = new HashMap<>();
    root.get("components").forEach(c -> components.put(c.get("bom-ref").asText(), c));

    JsonNode log4shell = vulns.get(0);
    assertThat(log4shell.get("id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.at("/source/name").asText()).isEqualTo("NVD");
    assertThat(log4shell.at("/source/url").asText()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
    assertThat(log4shell.at("/references/0/id").asText()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
    assertThat(log4shell.at("/references/0/source/url").asText())
        .isEqualTo("https://github.com/advisories/GHSA-jfh8-c2jp-5v3q");
    JsonNode rating = log4shell.at("/ratings/0");
    assertThat(rating.get("score").asDouble()).isEqualTo(10.0);
    assertThat(rating.get("severity").asText()).isEqualTo("critical");
    assertThat(rating.get("method").asText()).isEqualTo("CVSSv31");
    assertThat(rating.get("vector").asText()).isEqualTo(VulnSamples.LOG4J_VECTOR);
    assertThat(log4shell.get("description").asText()).isEqualTo("Remote code injection in Log4j");
    assertThat(log4shell.get("recommendation").asText())
        .isEqualTo("Upgrade org.apache.logging.log4j:log4j-core to 2.15.0.");
    List<String> advisories = new ArrayList<>();
    log4shell.get("advisories").forEach(a -> advisories.add(a.get("url").asText()));
    assertThat(advisories).containsExactlyElementsOf(scan.vulnerabilities().get(0).links());
    assertThat(log4shell.get("published").asText()).startsWith("2021-12-10T00:00:00");
    assertThat(log4shell.has("analysis")).isFalse();
    // affects exactly the jar, not the shaded copy with the same purl
    assertThat(log4shell.get("affects").size()).isEqualTo(1);
    String ref = log4shell.at("/affects/0/ref").asText();
    assertThat(props(components.get(ref), CycloneDxReport.PROP_LOCATION)).containsExactly(VulnSamples.LOG4J_JAR);
    assertThat(log4shell.at("/affects/0/versions/0/version").asText()).isEqualTo("2.14.1");
    assertThat(log4shell.at("/affects/0/versions/0/status").asText()).isEqualTo("affected");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_KEV)).containsExactly("true");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_KEV_DUE)).containsExactly("2021-12-24");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_EPSS)).containsExactly("0.94358");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_STATUS)).containsExactly("FIXED");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_FIXED_VERSION)).containsExactly("2.15.0");
    assertThat(props(log4shell, CycloneDxVulnerabilities.PROP_RISK)).containsExactly("100");

    List<String> bomRefs = new ArrayList<>();
    vulns.forEach(v -> bomRefs.add(v.get("bom-ref").asText()));
    bomRefs.addAll(components.keySet());
    assertThat(bomRefs).doesNotHaveDuplicates();
  }

  @Test
  void mitigatedFindingIsNotAffectedBecauseTheCodeIsNotPresent() throws IOException {
    ScanResult scan = VulnSamples.debianWithFindings();
    JsonNode root = Json.mapper().readTree(CycloneDxReportTest.render(scan));
    Map<String, JsonNode> components = new HashMap<>();
    root.get("components").forEach(c -> components.put(c.get("bom-ref").asText(), c));
    JsonNode mitigated = root.get("vulnerabilities").get(3);
    assertThat(mitigated.get("id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(mitigated.at("/analysis/state").asText()).isEqualTo("not_affected");
    assertThat(mitigated.at("/analysis/justification").asText()).isEqualTo("code_not_present");
    assertThat(mitigated.at("/analysis/detail").asText()).isEqualTo(VulnSamples.JNDI_ABSENT);
    String ref = mitigated.at("/affects/0/ref").asText();
    assertThat(props(components.get(ref), CycloneDxReport.PROP_LOCATION)).containsExactly(VulnSamples.LOG4J_SHADED);
    assertThat(props(mitigated, CycloneDxVulnerabilities.PROP_STATUS)).containsExactly("MITIGATED");
  }

  @Test
  void debianFindingsCarryVendorRatingNoteAndOpenStatus() throws IOException {
    ScanResult scan = VulnSamples.debianWithFindings();
    JsonNode vulns = Json.mapper().readTree(CycloneDxReportTest.render(scan)).get("vulnerabilities");
    InstalledPackage libssl = scan.packages().get(3);
    JsonNode openssl = vulns.get(1);
    assertThat(openssl.at("/affects/0/ref").asText()).isEqualTo(libssl.purl());
    assertThat(openssl.at("/ratings/0/method").asText()).isEqualTo("CVSSv31");
    assertThat(openssl.at("/ratings/1/method").asText()).isEqualTo("other");
    assertThat(openssl.at("/ratings/1/severity").asText()).isEqualTo("unknown");
    assertThat(openssl.at("/ratings/1/source/name").asText()).isEqualTo("debian");
    assertThat(openssl.has("references")).isFalse();

    JsonNode gcc = vulns.get(2);
    assertThat(gcc.get("detail").asText()).isEqualTo("no-dsa: Minor issue");
    assertThat(gcc.has("recommendation")).isFalse();
    assertThat(props(gcc, CycloneDxVulnerabilities.PROP_STATUS)).containsExactly("AFFECTED");
    assertThat(props(gcc, CycloneDxVulnerabilities.PROP_FIXED_VERSION)).isEmpty();
    assertThat(props(gcc, CycloneDxVulnerabilities.PROP_KEV)).containsExactly("false");
  }

  @Test
  void endOfLifeAndIgnoredFindingsSayWhyNoFixComes() throws IOException {
    JsonNode vulns = Json.mapper().readTree(CycloneDxReportTest.render(VulnSamples.endOfLifeBuster()))
        .get("vulnerabilities");
    JsonNode eol = vulns.get(0);
    assertThat(eol.at("/analysis/response/0").asText()).isEqualTo("can_not_fix");
    assertThat(eol.at("/analysis/detail").asText()).isEqualTo("the distribution release is end of life");
    assertThat(eol.has("properties")).isTrue();
    JsonNode ignored = vulns.get(1);
    assertThat(ignored.at("/analysis/response/0").asText()).isEqualTo("will_not_fix");
    // no CVSS and no vendor rating: one rating with the gating severity
    assertThat(ignored.get("ratings").size()).isEqualTo(1);
    assertThat(ignored.at("/ratings/0/severity").asText()).isEqualTo("unknown");
    assertThat(ignored.has("published")).isFalse();
  }

  @Test
  void sourcesAndCvssMethodsByIdAndVersion() {
    assertThat(CycloneDxVulnerabilities.source("GHSA-jfh8-c2jp-5v3q").getName()).isEqualTo("GitHub");
    assertThat(CycloneDxVulnerabilities.source("GO-2022-0969").getUrl()).isEqualTo("https://pkg.go.dev/vuln/GO-2022-0969");
    assertThat(CycloneDxVulnerabilities.source("RUSTSEC-2021-0078").getUrl())
        .isEqualTo("https://rustsec.org/advisories/RUSTSEC-2021-0078.html");
    assertThat(CycloneDxVulnerabilities.source("DLA-3449-1").getName()).isEqualTo("Debian");
    assertThat(CycloneDxVulnerabilities.source("PYSEC-2021-19").getUrl())
        .isEqualTo("https://osv.dev/vulnerability/PYSEC-2021-19");
    assertThat(CycloneDxVulnerabilities.method("4.0", null)).isEqualTo(Rating.Method.CVSSV4);
    assertThat(CycloneDxVulnerabilities.method("3.0", null)).isEqualTo(Rating.Method.CVSSV3);
    assertThat(CycloneDxVulnerabilities.method("2.0", "AV:N/AC:L/Au:N/C:P/I:P/A:P")).isEqualTo(Rating.Method.CVSSV2);
    assertThat(CycloneDxVulnerabilities.method(null, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        .isEqualTo(Rating.Method.CVSSV4);
    assertThat(CycloneDxVulnerabilities.method("", null)).isEqualTo(Rating.Method.OTHER);
  }

  @Test
  void publishedDatesInEveryShapeTheFeedsUse() {
    assertThat(CycloneDxVulnerabilities.date("2021-12-10").toInstant()).hasToString("2021-12-10T00:00:00Z");
    assertThat(CycloneDxVulnerabilities.date("2023-11-06T16:15:42.123Z").toInstant())
        .hasToString("2023-11-06T16:15:42.123Z");
    assertThat(CycloneDxVulnerabilities.date("2023-11-06T16:15:42+02:00").toInstant())
        .hasToString("2023-11-06T14:15:42Z");
    assertThat(CycloneDxVulnerabilities.date("2023-11-06T16:15:42").toInstant()).hasToString("2023-11-06T00:00:00Z");
    assertThat(CycloneDxVulnerabilities.date("soon")).isNull();
  }

  private static List<String> props(JsonNode node, String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode p : node.path("properties")) {
      if (p.get("name").asText().equals(name)) {
        values.add(p.get("value").asText());
      }
    }
    return values;
  }

  @Test
  void suppressedVulnerabilitiesFollowWithTheirVexAnalysis() throws IOException {
    byte[] bom = CycloneDxReportTest.render(dev.drydock.report.FindingSamples.everyKindWithSuppressed());
    CycloneDxReportTest.assertValid(bom);
    JsonNode vulns = Json.mapper().readTree(bom).get("vulnerabilities");
    assertThat(vulns).hasSize(3);
    assertThat(vulns.get(0).get("id").asText()).isEqualTo("CVE-2023-4039");
    assertThat(vulns.get(0).toString()).doesNotContain("suppressedBy");
    JsonNode vex = vulns.get(1);
    assertThat(vex.get("id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(vex.at("/analysis/state").asText()).isEqualTo("not_affected");
    assertThat(vex.at("/analysis/detail").asText()).isEqualTo("suppressed by vex:app.openvex.json: not_affected"
        + " (vulnerable_code_not_in_execute_path): no JNDI lookups");
    JsonNode ignored = vulns.get(2);
    assertThat(ignored.get("id").asText()).isEqualTo("CVE-2023-5678");
    assertThat(ignored.at("/analysis").has("state")).isFalse();
    assertThat(ignored.at("/analysis/response")).extracting(JsonNode::asText).containsExactly("will_not_fix");
    List<String> by = new ArrayList<>();
    ignored.get("properties").forEach(p -> {
      if (p.get("name").asText().equals("drydock:vulnerability:suppressedBy")) {
        by.add(p.get("value").asText());
      }
    });
    assertThat(by).containsExactly("ignorefile:.drydockignore.yaml:3");
  }
}
