package dev.drydock.report.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.Samples;
import dev.drydock.report.VulnSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
  @TempDir Path dir;

  private Path write(ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReport().write(result, out);
    Path file = dir.resolve("result.json");
    Files.write(file, out.toByteArray());
    return file;
  }

  @Test
  void roundTripGivesAnEqualResult() throws IOException {
    ScanResult original = Samples.debianImage();
    assertThat(Json.read(write(original))).isEqualTo(original);
    ScanResult empty = Samples.emptySource();
    assertThat(Json.read(write(empty))).isEqualTo(empty);
  }

  @Test
  void vulnerabilitiesSurviveTheRoundTrip() throws IOException {
    ScanResult original = VulnSamples.debianWithFindings();
    ScanResult read = Json.read(write(original));
    assertThat(read).isEqualTo(original);
    assertThat(read.vulnerabilities()).hasSize(4);
    assertThat(read.vulnerabilities().get(0).cvss().get(0).score()).isEqualTo(10.0);
    assertThat(read.vulnerabilities().get(3).status()).isEqualTo(Vulnerability.Status.MITIGATED);
    ScanResult eol = VulnSamples.endOfLifeBuster();
    assertThat(Json.read(write(eol))).isEqualTo(eol);
  }

  @Test
  void suppressedFindingsOfEveryKindSurviveTheRoundTripEachUnderItsKind() throws IOException {
    ScanResult original = dev.drydock.report.FindingSamples.everyKindWithSuppressed();
    Path file = write(original);
    assertThat(Json.read(file)).isEqualTo(original);
    JsonNode suppressed = Json.mapper().readTree(file.toFile()).get("suppressed");
    List<String> shapes = new ArrayList<>();
    suppressed.forEach(s -> {
      List<String> keys = new ArrayList<>();
      s.fieldNames().forEachRemaining(keys::add);
      shapes.add(String.join(",", keys));
    });
    assertThat(shapes).containsExactly("vulnerability,by,reason", "vulnerability,by,reason",
        "misconfiguration,by,reason", "secret,by,reason");
    assertThat(suppressed.get(3).at("/secret/category").asText()).isEqualTo("ci");
  }

  @Test
  void vulnerabilityFieldsAreWrittenAsDocumented() throws IOException {
    JsonNode root = Json.mapper().readTree(write(VulnSamples.debianWithFindings()).toFile());
    JsonNode log4shell = root.get("vulnerabilities").get(0);
    // every field of the record, in declaration order; nulls (vendorSeverity, note, mitigation) left out
    assertThat(names(log4shell)).containsExactly("id", "aliases", "purl", "ecosystem", "packageName",
        "installedVersion", "fixedVersions", "status", "severity", "cvss", "epss", "epssPercentile", "kev",
        "kevDueDate", "riskScore", "title", "published", "layerIndex", "layerDiffId", "createdBy", "locations",
        "links", "sources");
    assertThat(log4shell.get("status").asText()).isEqualTo("FIXED");
    assertThat(log4shell.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(log4shell.get("kev").isBoolean()).isTrue();
    assertThat(names(log4shell.at("/cvss/0"))).containsExactly("version", "vector", "score", "source");
    JsonNode mitigated = root.get("vulnerabilities").get(3);
    assertThat(mitigated.get("mitigation").asText()).isEqualTo(VulnSamples.JNDI_ABSENT);
    // the documentation lists every field
    String doc = Files.readString(Path.of("..", "docs", "json-format.md"));
    for (String field : List.of("id", "aliases", "purl", "ecosystem", "packageName", "installedVersion",
        "fixedVersions", "status", "severity", "cvss", "vendorSeverity", "epss", "epssPercentile", "kev",
        "kevDueDate", "riskScore", "title", "published", "layerIndex", "layerDiffId", "createdBy", "locations",
        "links", "sources", "note", "mitigation")) {
      assertThat(doc).contains("| `" + field + "` |");
    }
  }

  @Test
  void propertiesComeInDeclarationOrderAndNullsAreLeftOut() throws IOException {
    JsonNode root = Json.mapper().readTree(write(Samples.debianImage()).toFile());
    assertThat(names(root)).containsExactly("schemaVersion", "drydockVersion", "createdAt", "target", "os",
        "config", "layers", "packages", "notableFiles", "vulnerabilities", "suppressed", "misconfigurations", "secrets",
        "checksRun", "advisoryData", "coverage", "stats", "warnings");
    JsonNode pkg = root.get("packages").get(1);
    // Package is unwrapped into InstalledPackage; sourceVersion is null for libc6 and left out
    assertThat(names(pkg)).containsExactly("purl", "ecosystem", "name", "version", "sourceName", "arch",
        "licenses", "location", "attributes", "layerIndex", "layerDiffId", "createdBy", "locations");
    assertThat(pkg.get("purl").asText())
        .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc");
    assertThat(pkg.get("ecosystem").asText()).isEqualTo("DEB");
    assertThat(pkg.get("layerIndex").asInt()).isZero();
    assertThat(names(root.get("config").get("labels")))
        .containsExactly("maintainer", "org.opencontainers.image.source");

    JsonNode empty = Json.mapper().readTree(write(Samples.emptySource()).toFile());
    assertThat(empty.has("os")).isFalse();
    assertThat(empty.has("config")).isFalse();
    assertThat(empty.get("packages").size()).isZero();
  }

  @Test
  void malformedJsonNamesFileAndLine() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"packages\": [ {\"name\": }\n]}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.read(file))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("not a drydock result: " + file + ": ")
        .hasMessageEndingWith(" at line 3")
        .message().doesNotContain("\n");
  }

  @Test
  void wrongTypesNameTheJsonPath() throws IOException {
    Path file = dir.resolve("wrong.json");
    Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"layers\": [\n    {\"index\": \"first\"}\n  ]\n}\n");
    assertThatThrownBy(() -> Json.read(file))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("not a drydock result: " + file + ": layers[0].index: ")
        .hasMessageEndingWith(" at line 4");
  }

  @Test
  void aVulnerabilityWithoutIdIsBadInputNotACrashInTheReports() throws IOException {
    // found by fuzzing: CycloneDX (and every report naming a finding's source) failed with a NullPointerException
    Path file = dir.resolve("noid.json");
    Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"vulnerabilities\": [ {\"status\": \"FIXED\","
        + " \"severity\": \"HIGH\"} ]\n}\n");
    assertThatThrownBy(() -> Json.read(file))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a drydock result: " + file + ": vulnerabilities[0]: missing required field 'id' at line 3");
  }

  @Test
  void missingRequiredFieldIsNamed() throws IOException {
    Path file = dir.resolve("noname.json");
    Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"packages\": [ {\"ecosystem\": \"DEB\"} ]\n}\n");
    assertThatThrownBy(() -> Json.read(file))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a drydock result: " + file + ": packages[0]: missing required field 'name' at line 3");
  }

  @Test
  void foreignJsonIsRejected() throws IOException {
    Path bom = dir.resolve("bom.json");
    Files.writeString(bom, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": []}");
    assertThatThrownBy(() -> Json.read(bom))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a drydock result: " + bom + ": no schemaVersion field at top level");
    Path array = dir.resolve("array.json");
    Files.writeString(array, "[1, 2]");
    assertThatThrownBy(() -> Json.read(array))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("not a drydock result: " + array + ": ")
        .hasMessageEndingWith(" at line 1");
    Path newer = dir.resolve("newer.json");
    Files.writeString(newer, "{\"schemaVersion\": 99}");
    assertThatThrownBy(() -> Json.read(newer))
        .hasMessageContaining("schemaVersion 99 is newer than this drydock reads (1)");
    assertThatThrownBy(() -> Json.read(dir.resolve("missing.json")))
        .isInstanceOf(DrydockException.class)
        .hasMessage(dir.resolve("missing.json") + ": result not found");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
