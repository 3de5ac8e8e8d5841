package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code drydock gate}, {@code scan --baseline} and {@code compliance} on the demo image's real scan. */
class GateCliTest {
  @TempDir Path tmp;
  private Path cache;
  private Path result;

  @BeforeEach
  void scanDemo() {
    cache = tmp.resolve("cache");
    result = tmp.resolve("result.json");
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "--advisories", "../examples/advisories", "-f",
        "json", "-o", result.toString(), "-q", "--cache-dir", cache.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
  }

  private Cli.Run gate(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "gate";
    all[1] = "--cache-dir";
    all[2] = cache.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  @Test
  void defaultBaselineFailsWithExitOneAndJunitCarriesTheFailures() throws Exception {
    Path junit = tmp.resolve("gate.xml");
    Cli.Run r = gate("-f", "junit", "-o", junit.toString(), result.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("drydock: gate FAIL");
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    // DD-DATA-001 (the bundled advisories hold no Debian data), DD-DATA-002 (they are a 2025 snapshot),
    // vuln.fixable-kev, vuln.fixable-critical
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(4);
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(2);
    assertThat(Files.readString(junit)).contains("CVE-2021-44228");
  }

  @Test
  void mayFailOnlyGivesZeroOrThreeWithFailOnWarn() throws IOException {
    Path baseline = Files.writeString(tmp.resolve("warn-only.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - class: vuln.fixable-high",
        "    level: may-fail",
        "    description: fix highs soon",
        ""));
    assertThat(gate("--baseline", baseline.toString(), result.toString()).exit()).isZero();
    Cli.Run warn = gate("--baseline", baseline.toString(), "--fail-on-warn", result.toString());
    assertThat(warn.exit()).as(warn.toString()).isEqualTo(3);
    assertThat(warn.err()).contains("drydock: gate WARN");
  }

  @Test
  void waiverMakesTheGatePassUntilItExpires() throws IOException {
    String rules = String.join("\n",
        "version: 1",
        "rules:",
        "  - class: vuln.fixable-kev",
        "    level: must-pass",
        "    description: no fixable known-exploited vulnerability",
        "waivers:",
        "  - purl: pkg:maven/org.apache.logging.log4j/log4j-core",
        "    owner: team-payments",
        "    reason: JNDI lookups disabled by configuration",
        "    ticket: SEC-1234",
        "    expires: %s",
        "");
    Path valid = Files.writeString(tmp.resolve("valid.yaml"), rules.formatted("2999-01-31"));
    Path passJson = tmp.resolve("pass.json");
    assertThat(gate("--baseline", valid.toString(), "-f", "json", "-o", passJson.toString(), result.toString()).exit())
        .isZero();
    JsonNode applied = new ObjectMapper().readTree(passJson.toFile()).get("result").get("appliedWaivers");
    assertThat(applied).hasSize(1);
    assertThat(applied.get(0).get("owner").asText()).isEqualTo("team-payments");
    Path expired = Files.writeString(tmp.resolve("expired.yaml"), rules.formatted("2020-01-31"));
    Path json = tmp.resolve("gate.json");
    Cli.Run r = gate("--baseline", expired.toString(), "-f", "json", "-o", json.toString(), result.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    JsonNode expiredWaivers = new ObjectMapper().readTree(json.toFile()).get("result").get("expiredWaivers");
    assertThat(expiredWaivers).hasSize(1);
    assertThat(expiredWaivers.get(0).get("ticket").asText()).isEqualTo("SEC-1234");
  }

  @Test
  void badBaselineIsOneLineWithFileAndLine() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - class: vuln.fixable-kev",
        "    level: must-fail",
        ""));
    Cli.Run r = gate("--baseline", bad.toString(), result.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("drydock: ").contains("bad.yaml:4");
  }

  @Test
  void scanWithABaselineGatesInOneStep() {
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "--advisories", "../examples/advisories",
        "--baseline", "../drydock-gate/src/main/resources/dev/drydock/gate/default-baseline.yaml", "-q",
        "-o", tmp.resolve("again.json").toString(), "-f", "json", "--cache-dir", cache.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("drydock: gate FAIL");
  }

  @Test
  void complianceListsFailingControlsWithEvidence() throws IOException {
    Path json = tmp.resolve("cis.json");
    Cli.Run r = Cli.run("compliance", "--framework", "nist-800-190", "-f", "json", "-o", json.toString(),
        "--cache-dir", cache.toString(), result.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode controls = new ObjectMapper().readTree(json.toFile()).get("controls");
    JsonNode c411 = null;
    for (JsonNode c : controls) {
      if (c.get("id").asText().equals("4.1.1")) {
        c411 = c;
      }
    }
    assertThat(c411).isNotNull();
    assertThat(c411.get("status").asText()).isEqualTo("FAIL");
    assertThat(c411.get("evidence").toString()).contains("CVE-2021-44228");
  }
}
