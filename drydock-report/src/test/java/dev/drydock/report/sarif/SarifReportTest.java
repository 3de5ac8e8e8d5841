package dev.drydock.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {
  private static final Schema SCHEMA = loadSchema();

  private static Schema loadSchema() {
    try (InputStream in = SarifReportTest.class.getResourceAsStream("/schemas/sarif-2.1.0-rtm.5.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] render(ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SarifReport().write(result, out);
    return out.toByteArray();
  }

  static List<String> errors(JsonNode document) {
    return SCHEMA.validate(document).stream().map(Error::toString).toList();
  }

  static JsonNode parse(byte[] json) throws IOException {
    return Json.mapper().readTree(json);
  }

  @Test
  void everyDocumentValidatesAgainstTheSarif210Schema() throws IOException {
    assertThat(errors(parse(render(VulnSamples.debianWithFindings())))).isEmpty();
    assertThat(errors(parse(render(VulnSamples.endOfLifeBuster())))).isEmpty();
    assertThat(errors(parse(render(Samples.debianImage())))).isEmpty();
    assertThat(errors(parse(render(Samples.emptySource())))).isEmpty();
  }

  @Test
  void theSchemaCheckRejectsBrokenDocuments() throws IOException {
    ObjectNode root = (ObjectNode) parse(render(VulnSamples.debianWithFindings()));
    ((ObjectNode) root.at("/runs/0/results/0")).put("level", "fatal");
    ((ObjectNode) root.at("/runs/0/results/1/locations/0/physicalLocation/artifactLocation"))
        .put("uri", "has space/and|pipe");
    ((ObjectNode) root.at("/runs/0")).remove("tool");
    assertThat(errors(root)).hasSizeGreaterThanOrEqualTo(3)
        .anySatisfy(e -> assertThat(e).contains("level"))
        .anySatisfy(e -> assertThat(e).contains("uri"))
        .anySatisfy(e -> assertThat(e).contains("tool"));
  }

  @Test
  void oneRunByDrydockWithOneRulePerVulnerabilityId() throws IOException {
    JsonNode root = parse(render(VulnSamples.debianWithFindings()));
    assertThat(root.get("version").asText()).isEqualTo("2.1.0");
    assertThat(root.get("$schema").asText()).isEqualTo(SarifReport.SCHEMA_URI);
    assertThat(root.get("runs").size()).isEqualTo(1);
    JsonNode driver = root.at("/runs/0/tool/driver");
    assertThat(driver.get("name").asText()).isEqualTo("drydock");
    assertThat(driver.get("version").asText()).isEqualTo("0.1.0");
    assertThat(driver.get("informationUri").asText()).isEqualTo(SarifReport.INFORMATION_URI);
    List<String> ruleIds = new ArrayList<>();
    driver.get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
    assertThat(ruleIds).containsExactly("CVE-2021-44228", "CVE-2023-5678", "CVE-2023-4039");

    JsonNode log4j = driver.get("rules").get(0);
    assertThat(log4j.at("/shortDescription/text").asText()).isEqualTo("Remote code injection in Log4j");
    assertThat(log4j.get("helpUri").asText()).isEqualTo("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
    assertThat(log4j.at("/help/text").asText()).contains("GHSA-jfh8-c2jp-5v3q")
        .contains("https://logging.apache.org/log4j/2.x/security.html");
    assertThat(log4j.at("/help/markdown").asText())
        .contains("[https://github.com/advisories/GHSA-jfh8-c2jp-5v3q](https://github.com/advisories/GHSA-jfh8-c2jp-5v3q)");
    assertThat(log4j.at("/properties/security-severity").isTextual()).isTrue();
    assertThat(log4j.at("/properties/security-severity").asText()).isEqualTo("10.0");
    assertThat(texts(log4j.at("/properties/tags"))).containsExactly("vulnerability", "security", "CRITICAL");
    assertThat(driver.get("rules").get(1).at("/properties/security-severity").asText()).isEqualTo("5.3");
    assertThat(texts(driver.get("rules").get(2).at("/properties/tags"))).contains("MEDIUM");
  }

  @Test
  void oneResultPerFindingWithLevelMessageLocationAndProperties() throws IOException {
    ScanResult scan = VulnSamples.debianWithFindings();
    JsonNode results = parse(render(scan)).at("/runs/0/results");
    assertThat(results.size()).isEqualTo(4);
    List<String> levels = new ArrayList<>();
    List<Integer> ruleIndexes = new ArrayList<>();
    results.forEach(r -> {
      levels.add(r.get("level").asText());
      ruleIndexes.add(r.get("ruleIndex").asInt());
    });
    assertThat(levels).containsExactly("error", "warning", "warning", "error");
    assertThat(ruleIndexes).containsExactly(0, 1, 2, 0);

    JsonNode log4shell = results.get(0);
    Vulnerability v = scan.vulnerabilities().get(0);
    assertThat(log4shell.get("ruleId").asText()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.at("/message/text").asText())
        .isEqualTo("org.apache.logging.log4j:log4j-core 2.14.1 is affected by CVE-2021-44228 (CRITICAL); fixed in 2.15.0");
    assertThat(log4shell.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(VulnSamples.LOG4J_JAR);
    assertThat(log4shell.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isEqualTo(v.purl());
    assertThat(v.purl()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    JsonNode props = log4shell.get("properties");
    assertThat(props.get("purl").asText()).isEqualTo(v.purl());
    assertThat(props.get("layerDiffId").asText()).isEqualTo(scan.layers().get(2).diffId());
    assertThat(props.get("createdBy").asText()).isEqualTo("COPY app/ /opt/app/ # buildkit");
    assertThat(props.get("status").asText()).isEqualTo("FIXED");
    assertThat(props.get("epss").asDouble()).isEqualTo(0.94358);
    assertThat(props.get("kev").asBoolean()).isTrue();
    assertThat(props.get("riskScore").asDouble()).isEqualTo(100.0);
    assertThat(log4shell.has("suppressions")).isFalse();

    JsonNode openssl = results.get(1);
    assertThat(openssl.at("/message/text").asText())
        .isEqualTo("openssl 3.0.11-1~deb12u2 is affected by CVE-2023-5678 (MEDIUM); fixed in 3.0.13-1~deb12u1");
    assertThat(openssl.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("var/lib/dpkg/status");
    assertThat(openssl.at("/properties/kev").asBoolean(true)).isFalse();

    JsonNode gcc = results.get(2);
    assertThat(gcc.at("/message/text").asText())
        .isEqualTo("gcc-12 12.2.0-14 is affected by CVE-2023-4039 (MEDIUM); no fix yet");
    assertThat(gcc.at("/properties/status").asText()).isEqualTo("AFFECTED");
    assertThat(gcc.at("/properties/note").asText()).isEqualTo("no-dsa: Minor issue");

    JsonNode mitigated = results.get(3);
    assertThat(mitigated.at("/message/text").asText()).isEqualTo("org.apache.logging.log4j:log4j-core 2.14.1 is affected"
        + " by CVE-2021-44228 (CRITICAL); fixed in 2.15.0 (mitigated: " + VulnSamples.JNDI_ABSENT + ")");
    assertThat(mitigated.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(VulnSamples.LOG4J_SHADED);
    assertThat(mitigated.at("/suppressions/0/kind").asText()).isEqualTo("external");
    assertThat(mitigated.at("/suppressions/0/justification").asText()).isEqualTo(VulnSamples.JNDI_ABSENT);
  }

  @Test
  void fingerprintsHashIdPurlAndLocationAndAreStable() throws Exception {
    ScanResult scan = VulnSamples.debianWithFindings();
    JsonNode results = parse(render(scan)).at("/runs/0/results");
    List<String> prints = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      Vulnerability v = scan.vulnerabilities().get(i);
      String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((v.id() + "\n" + v.purl() + "\n" + v.locations().get(0)).getBytes(StandardCharsets.UTF_8)));
      String actual = results.get(i).get("partialFingerprints").get(SarifReport.FINGERPRINT).asText();
      assertThat(actual).isEqualTo(expected);
      prints.add(actual);
    }
    // the two log4j findings share id and purl but not the location
    assertThat(prints).doesNotHaveDuplicates();
    assertThat(render(scan)).isEqualTo(render(VulnSamples.debianWithFindings()));
  }

  @Test
  void endOfLifeAndUnknownSeverityFindings() throws IOException {
    JsonNode run = parse(render(VulnSamples.endOfLifeBuster())).at("/runs/0");
    JsonNode eol = run.at("/results/0");
    assertThat(eol.get("level").asText()).isEqualTo("error");
    assertThat(eol.at("/message/text").asText()).isEqualTo("openssl 1.1.1n-0+deb10u6 is affected by CVE-2024-5535"
        + " (CRITICAL); no fix yet (the distribution release is end of life)");
    assertThat(eol.at("/properties/status").asText()).isEqualTo("END_OF_LIFE");
    assertThat(eol.at("/properties").has("layerDiffId")).isFalse();
    JsonNode zlib = run.at("/results/1");
    assertThat(zlib.get("level").asText()).isEqualTo("note");
    // the finding names no location: the installed package's is used
    assertThat(zlib.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("var/lib/dpkg/status");
    assertThat(zlib.at("/message/text").asText()).endsWith("(UNKNOWN); no fix yet (the distribution will not fix it:"
        + " contrib/minizip not built into any binary package)");
    JsonNode zlibRule = run.at("/tool/driver/rules/1");
    assertThat(zlibRule.at("/properties").has("security-severity")).isFalse();
    assertThat(zlibRule.has("helpUri")).isFalse();
    assertThat(run.at("/tool/driver/rules/0/properties/security-severity").asText()).isEqualTo("9.1");
  }

  @Test
  void noVulnerabilitiesGiveAnEmptyResultList() throws IOException {
    JsonNode run = parse(render(Samples.debianImage())).at("/runs/0");
    assertThat(run.get("results").isArray()).isTrue();
    assertThat(run.get("results").size()).isZero();
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("drydock");
  }

  @Test
  void pathsBecomeRelativeUriReferences() {
    assertThat(SarifReport.uri("opt/app/plugins/tool.jar!/lib/log4j-core-2.14.1.jar"))
        .isEqualTo("opt/app/plugins/tool.jar!/lib/log4j-core-2.14.1.jar");
    assertThat(SarifReport.uri("usr/lib/node_modules/my app/package.json"))
        .isEqualTo("usr/lib/node_modules/my%20app/package.json");
    assertThat(SarifReport.uri("opt/caf\u00e9/a#b?c%d")).isEqualTo("opt/caf%C3%A9/a%23b%3Fc%25d");
    assertThat(SarifReport.uri("c:x/app.jar")).isEqualTo("./c:x/app.jar");
  }

  @Test
  void securitySeverityFallsBackToTheSeverityBand() {
    assertThat(SarifReport.securitySeverity(java.util.OptionalDouble.of(7.25), Severity.HIGH)).isEqualTo("7.3");
    assertThat(SarifReport.securitySeverity(java.util.OptionalDouble.empty(), Severity.HIGH)).isEqualTo("7.0");
    assertThat(SarifReport.securitySeverity(java.util.OptionalDouble.empty(), Severity.LOW)).isEqualTo("0.1");
    assertThat(SarifReport.securitySeverity(java.util.OptionalDouble.empty(), Severity.UNKNOWN)).isNull();
    assertThat(SarifReport.level(Severity.HIGH)).hasToString("error");
    assertThat(SarifReport.level(Severity.LOW)).hasToString("note");
    assertThat(SarifReport.level(null)).hasToString("note");
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
