package dev.drydock.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source directory with nothing in it: no OS, no config, no layers, no packages. */
class EmptyResultTest {
  @TempDir Path dir;

  private static byte[] render(String format, ScanResult result) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Reports.byName(format).write(result, out);
    return out.toByteArray();
  }

  @Test
  void everyFormatRendersAnEmptyResult() throws IOException {
    ScanResult empty = Samples.emptySource();

    assertThat(new String(render("table", empty), StandardCharsets.UTF_8)).contains("No packages found.");

    Path json = Files.write(dir.resolve("empty.json"), render("json", empty));
    assertThat(Json.read(json)).isEqualTo(empty);

    byte[] cdx = render("cyclonedx", empty);
    assertThat(new JsonParser().validate(cdx, Version.VERSION_16)).isEmpty();
    JsonNode bom = Json.mapper().readTree(cdx);
    assertThat(bom.at("/metadata/component/type").asText()).isEqualTo("application");
    assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("./empty-project");
    assertThat(bom.path("components").size()).isZero();

    JsonNode sarif = Json.mapper().readTree(render("sarif", empty));
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.at("/runs/0/results").size()).isZero();
    assertThat(sarif.at("/runs/0/tool/driver/rules").size()).isZero();

    JsonNode spdx = Json.mapper().readTree(render("spdx", empty));
    assertThat(spdx.get("packages").size()).isEqualTo(1);
    assertThat(spdx.at("/packages/0/primaryPackagePurpose").asText()).isEqualTo("SOURCE");
    assertThat(spdx.get("relationships").size()).isEqualTo(1);
    assertThat(spdx.has("hasExtractedLicensingInfos")).isFalse();
  }
}
