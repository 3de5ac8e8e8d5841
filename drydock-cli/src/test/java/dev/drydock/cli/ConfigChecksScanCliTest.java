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

/** {@code drydock scan} of the demo image with the image checks, {@code --dockerfile} and a baseline naming them. */
class ConfigChecksScanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private JsonNode scan(String... extra) throws IOException {
    Path out = tmp.resolve("out-" + System.nanoTime() + ".json");
    List<String> args = new ArrayList<>(List.of("scan", DemoImageCliTest.DEMO.toString(), "-q", "--cache-dir",
        tmp.resolve("cache").toString(), "-f", "json", "-o", out.toString()));
    args.addAll(List.of(extra));
    Cli.Run r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return JSON.readTree(out.toFile());
  }

  private static List<String> rules(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.get("misconfigurations").forEach(m -> out.add(m.get("ruleId").asText() + " " + m.get("file").asText()));
    return out;
  }

  @Test
  void demoImageFindingsAppearInJson() throws IOException {
    JsonNode r = scan();
    // the demo image: no USER, a setuid placeholder usr/bin/passwd, no HEALTHCHECK (examples/FIXTURES.md)
    assertThat(rules(r)).containsExactlyInAnyOrder("DD-IMG-001 image-config", "DD-IMG-008 usr/bin/passwd",
        "DD-IMG-012 image-config");
    assertThat(r.get("checksRun")).extracting(JsonNode::asText).containsExactly("secrets", "image-config");
    JsonNode root = r.get("misconfigurations").get(0);
    assertThat(root.get("controls")).extracting(JsonNode::asText).contains("cis-docker:4.1");
    assertThat(r.get("packages")).hasSize(71);
  }

  @Test
  void theSummaryLineCountsMisconfigurations() {
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        "-f", "json", "-o", tmp.resolve("summary.json").toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    // every kind that was looked for is counted, the demo's zero secrets too
    assertThat(r.err()).containsPattern("packages, \\d+ vulnerabilities, 3 misconfigurations, 0 secrets, \\d+ layers");
    Cli.Run vulnOnly = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "--cache-dir",
        tmp.resolve("cache").toString(), "--scanners", "vuln", "-f", "json", "-o", tmp.resolve("v.json").toString());
    assertThat(vulnOnly.err()).containsPattern("packages, \\d+ vulnerabilities, \\d+ layers")
        .doesNotContain("misconfigurations").doesNotContain("secrets");
  }

  @Test
  void noConfigChecksTurnsThemOff() throws IOException {
    JsonNode r = scan("--no-config-checks");
    assertThat(r.get("misconfigurations")).isEmpty();
    assertThat(r.get("checksRun")).extracting(JsonNode::asText).as("secrets stay on").containsExactly("secrets");
    JsonNode neither = scan("--no-config-checks", "--no-secrets");
    assertThat(neither.get("checksRun")).isEmpty();
  }

  @Test
  void dockerfileFindingsJoinTheImageFindings() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), "FROM debian:12\nEXPOSE 22\nCMD [\"app\"]\n");
    JsonNode r = scan("--dockerfile", df.toString());
    assertThat(rules(r)).contains("DD-IMG-001 image-config", "DD-DF-001 " + df, "DD-DF-010 " + df);
    assertThat(r.get("checksRun")).extracting(JsonNode::asText)
        .containsExactly("secrets", "image-config", "dockerfile");
    JsonNode expose = null;
    for (JsonNode m : r.get("misconfigurations")) {
      if (m.get("ruleId").asText().equals("DD-DF-010")) {
        expose = m;
      }
    }
    assertThat(expose.get("line").asInt()).isEqualTo(2);
  }

  @Test
  void missingDockerfileIsAnInputError() {
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "-q", "--cache-dir", tmp.resolve("c").toString(),
        "--dockerfile", tmp.resolve("nope/Dockerfile").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("nope/Dockerfile: no such Dockerfile");
  }

  @Test
  void gateFailsAMustPassRuleOnAConfigFindingAndAWaiverLiftsIt() throws IOException {
    Path strict = Files.writeString(tmp.resolve("strict.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - id: DD-IMG-001",
        "    level: must-pass",
        "    description: images run as a non-root user",
        "    controls: [cis-docker:4.1]",
        "  - class: tag:cis-docker:4.8",
        "    level: may-fail",
        ""));
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "-q", "--cache-dir", tmp.resolve("cache").toString(),
        "-f", "json", "-o", tmp.resolve("g.json").toString(), "--baseline", strict.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("must-pass rule DD-IMG-001 failed: 1 finding")
        .contains("may-fail rule tag:cis-docker:4.8 failed: 1 finding");

    Path waived = Files.writeString(tmp.resolve("waived.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - id: DD-IMG-001",
        "    level: must-pass",
        "waivers:",
        "  - id: DD-IMG-001",
        "    owner: platform",
        "    reason: base image fixed in the next release",
        "    expires: 2999-01-01",
        ""));
    Cli.Run ok = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "-q", "--cache-dir",
        tmp.resolve("cache").toString(), "-f", "json", "-o", tmp.resolve("w.json").toString(), "--baseline",
        waived.toString());
    assertThat(ok.exit()).as(ok.toString()).isZero();

    Cli.Run off = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "-q", "--cache-dir",
        tmp.resolve("cache").toString(), "-f", "json", "-o", tmp.resolve("o.json").toString(), "--baseline",
        strict.toString(), "--no-config-checks");
    assertThat(off.exit()).as(off.toString()).isZero();
  }
}
