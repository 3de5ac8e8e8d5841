package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCliTest {
  @TempDir Path tmp;

  @Test
  void convertRendersASavedResultWithoutTheImage() throws IOException {
    Path cache = tmp.resolve("cache");
    Path image = Files.copy(DemoImageCliTest.DEMO, tmp.resolve("demo.tar"));
    Path json = tmp.resolve("result.json");
    Cli.Run scan = Cli.run("scan", image.toString(), "--advisories", "../examples/advisories", "--cache-dir",
        cache.toString(), "-f", "json", "-o", json.toString(), "-q");
    assertThat(scan.exit()).as(scan.toString()).isZero();
    Files.delete(image);

    Path sarif = tmp.resolve("result.sarif");
    Cli.Run convert = Cli.run("convert", json.toString(), "-f", "sarif", "-o", sarif.toString(), "--cache-dir",
        cache.toString());
    assertThat(convert.exit()).as(convert.toString()).isZero();
    ObjectMapper m = new ObjectMapper();
    List<String> ids = new ArrayList<>();
    m.readTree(json.toFile()).get("vulnerabilities").forEach(v -> ids.add(v.get("id").asText()));
    // the image checks' findings are results too
    m.readTree(json.toFile()).get("misconfigurations").forEach(v -> ids.add(v.get("ruleId").asText()));
    // and each package family not checked (the bundled advisories hold no Debian data)
    m.readTree(json.toFile()).get("coverage").forEach(c -> {
      if (!c.get("checked").asBoolean()) {
        ids.add("DD-DATA-001");
      }
    });
    List<String> ruleIds = new ArrayList<>();
    JsonNode results = m.readTree(sarif.toFile()).get("runs").get(0).get("results");
    results.forEach(r -> ruleIds.add(r.get("ruleId").asText()));
    assertThat(ids).isNotEmpty().contains("CVE-2021-44228", "DD-IMG-001");
    assertThat(ruleIds).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void convertOfSomethingElseIsOneLine() throws IOException {
    Path notJson = Files.writeString(tmp.resolve("x.json"), "[1, 2]");
    Cli.Run r = Cli.run("convert", notJson.toString(), "-f", "table", "--cache-dir", tmp.resolve("c").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("drydock: not a drydock result: ").contains("x.json");
  }
}
