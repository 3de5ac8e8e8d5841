package dev.drydock.report.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** advisoryData and coverage in the JSON result (docs/json-format.md), and back. */
class NotCheckedJsonTest {
  @TempDir Path tmp;

  @Test
  void advisoryDataAndCoverageAreWrittenAndReadBack() throws IOException {
    ScanResult result = Samples.debianImageWithCoverage();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReport().write(result, out);
    JsonNode root = Json.mapper().readTree(out.toByteArray());
    JsonNode tracker = root.get("advisoryData").get(0);
    assertThat(tracker.get("source").asText()).isEqualTo("debian-tracker");
    assertThat(tracker.has("dataDate")).as("unknown data date left out").isFalse();
    assertThat(tracker.get("importedAt").asText()).isEqualTo("2026-12-01T06:00:00Z");
    assertThat(tracker.get("records").asLong()).isEqualTo(51234);
    assertThat(tracker.get("digest").asText()).isEqualTo("sha256:" + "1f".repeat(32));
    JsonNode maven = root.get("coverage").get(1);
    assertThat(maven.get("family").asText()).isEqualTo("maven");
    assertThat(maven.get("packages").asInt()).isEqualTo(2);
    assertThat(maven.get("checked").asBoolean()).isFalse();
    assertThat(maven.get("reason").asText()).isEqualTo("no advisory data for maven: 2 packages not checked");
    assertThat(root.has("notChecked")).as("a derived view, not a field").isFalse();

    // docs/json-format.md describes every field
    String doc = Files.readString(Path.of("..", "docs", "json-format.md"));
    for (String field : List.of("advisoryData", "coverage", "source", "dataDate", "importedAt", "records", "digest",
        "family", "packages", "checked", "reason")) {
      assertThat(doc).contains("| `" + field + "` |");
    }

    Path file = Files.write(tmp.resolve("r.json"), out.toByteArray());
    ScanResult read = Json.read(file);
    assertThat(read.advisoryData()).isEqualTo(result.advisoryData());
    assertThat(read.coverage()).isEqualTo(result.coverage());
    assertThat(read.notChecked()).extracting(c -> c.family()).containsExactly("maven");
  }
}
