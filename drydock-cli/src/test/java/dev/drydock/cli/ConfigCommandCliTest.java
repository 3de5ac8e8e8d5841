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

/** {@code drydock config PATH...}: output formats, warnings for bad files and exit codes. */
class ConfigCommandCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "FROM debian:12\nHEALTHCHECK CMD [\"true\"]\nCMD [\"app\"]\n";
  private static final String CLEAN = "FROM debian:12\nUSER app\nHEALTHCHECK CMD [\"true\"]\nCMD [\"app\"]\n";

  @TempDir Path tmp;

  private Cli.Run config(String... args) {
    List<String> all = new ArrayList<>(List.of("config"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void invalidAndBinaryFilesAreWarnedAndTheValidOneIsReported() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(dir.resolve("Dockerfile"), ROOT);
    Files.writeString(dir.resolve("bad.Dockerfile"), "FROM debian:12\nRUN <<EOF\necho\n");
    Files.write(dir.resolve("Containerfile"), new byte[] {0, 1, 2, 3});
    Path out = tmp.resolve("out.json");
    Cli.Run r = config(dir.toString(), "-f", "json", "-o", out.toString());

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly(
        dir.resolve("Containerfile") + ":1: not checked: binary file (not UTF-8 text)",
        dir.resolve("bad.Dockerfile") + ":2: unterminated heredoc <<EOF",
        "drydock: config: 1 file checked (dockerfile), 1 finding, 2 not checked in "
            + r.errLines().get(2).replaceAll(".* in ", ""));
    JsonNode result = JSON.readTree(out.toFile());
    assertThat(result.get("target").get("kind").asText()).isEqualTo("config");
    assertThat(result.get("target").get("name").asText()).isEqualTo(dir.toString());
    assertThat(result.get("checksRun")).extracting(JsonNode::asText).containsExactly("dockerfile");
    assertThat(result.get("misconfigurations")).hasSize(1);
    JsonNode m = result.get("misconfigurations").get(0);
    assertThat(m.get("ruleId").asText()).isEqualTo("DD-DF-001");
    assertThat(m.get("file").asText()).isEqualTo(dir.resolve("Dockerfile").toString());
    assertThat(m.get("line").asInt()).isEqualTo(1);
    assertThat(result.get("warnings")).hasSize(2);
    assertThat(result.get("stats").get("filesAnalysed").asInt()).isEqualTo(1);
  }

  @Test
  void nothingCheckableIsExitTwo() throws IOException {
    Path bad = Files.writeString(tmp.resolve("Dockerfile"), "RUN echo\n");
    Cli.Run r = config(bad.toString(), "-q", "-f", "json", "-o", tmp.resolve("o.json").toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(bad + ":1: RUN before the first FROM");
    assertThat(tmp.resolve("o.json")).exists();
  }

  @Test
  void emptyDirectoryIsExitZero() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Cli.Run r = config(empty.toString(), "-f", "json", "-o", tmp.resolve("e.json").toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("0 files checked (no checks ran), 0 findings, 0 not checked");
    JsonNode result = JSON.readTree(tmp.resolve("e.json").toFile());
    assertThat(result.get("misconfigurations")).isEmpty();
    assertThat(result.get("checksRun")).isEmpty();
  }

  @Test
  void failOnDecidesTheExitCode() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), ROOT); // DD-DF-001 is HIGH
    assertThat(config(df.toString(), "-q", "-o", tmp.resolve("a").toString()).exit()).isEqualTo(1);
    assertThat(config(df.toString(), "-q", "--fail-on", "high", "-o", tmp.resolve("b").toString()).exit())
        .isEqualTo(1);
    assertThat(config(df.toString(), "-q", "--fail-on", "critical", "-o", tmp.resolve("c").toString()).exit())
        .isZero();
    assertThat(config(df.toString(), "-q", "--fail-on", "none", "-o", tmp.resolve("d").toString()).exit()).isZero();
    Path clean = Files.writeString(tmp.resolve("clean.Dockerfile"), CLEAN);
    assertThat(config(clean.toString(), "-q", "-o", tmp.resolve("e").toString()).exit()).isZero();
    Cli.Run bad = config(df.toString(), "--fail-on", "severe");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("drydock: unknown --fail-on 'severe' (expected one of: low, medium,"
        + " high, critical, none)");
  }

  @Test
  void missingPathAndBadFormatAreUsageErrors() {
    Cli.Run missing = config(tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.errLines()).containsExactly("drydock: " + tmp.resolve("nope") + ": no such file or directory");
    Cli.Run format = config(tmp.toString(), "-f", "yaml");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(config().exit()).isEqualTo(2);
  }

  @Test
  void tableAndSarifRenderTheFindings() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), ROOT);
    Cli.Run table = config(df.toString(), "-q");
    assertThat(table.stdout()).contains("Misconfigurations: 1").contains("DD-DF-001").contains(df + ":1:1");
    Path sarif = tmp.resolve("r.sarif");
    assertThat(config(df.toString(), "-q", "-f", "sarif", "-o", sarif.toString()).exit()).isEqualTo(1);
    JsonNode run = JSON.readTree(sarif.toFile()).get("runs").get(0);
    assertThat(run.get("tool").get("driver").get("rules").get(0).get("id").asText()).isEqualTo("DD-DF-001");
    assertThat(run.get("results").get(0).get("locations").get(0).get("physicalLocation").get("region")
        .get("startLine").asInt()).isEqualTo(1);
  }

  @Test
  void baselineDecidesInsteadOfFailOn() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), ROOT);
    Path baseline = Files.writeString(tmp.resolve("b.yaml"), String.join("\n",
        "version: 1", "rules:", "  - id: DD-DF-001", "    level: may-fail", ""));
    Cli.Run r = config(df.toString(), "-q", "-o", tmp.resolve("o").toString(), "--baseline", baseline.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).contains("may-fail rule DD-DF-001 failed");
  }

  @Test
  void complianceOfAConfigResultTestsOnlyWhatTheDockerfileChecksCover() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), ROOT);
    Path result = tmp.resolve("config.json");
    assertThat(config(df.toString(), "-q", "-f", "json", "-o", result.toString()).exit()).isEqualTo(1);
    Path report = tmp.resolve("cis.json");
    Cli.Run r = Cli.run("compliance", "--framework", "cis-docker", "-f", "json", "-o", report.toString(),
        "--cache-dir", tmp.resolve("c").toString(), result.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    JSON.readTree(report.toFile()).get("controls").forEach(c -> byId.put(c.get("id").asText(), c));
    assertThat(byId.get("4.1").get("status").asText()).isEqualTo("FAIL");
    assertThat(byId.get("4.1").get("evidence").get(0).get("findingId").asText()).isEqualTo("DD-DF-001");
    assertThat(byId.get("4.1").get("evidence").get(0).get("location").asText()).isEqualTo(df + ":1");
    assertThat(byId.get("4.6").get("status").asText()).isEqualTo("PASS");
    assertThat(byId.get("4.4").get("status").asText()).as("no packages in a config result").isEqualTo("NOT_TESTED");
    assertThat(byId.get("2.2").get("status").asText()).isEqualTo("NOT_TESTED");
  }
}
