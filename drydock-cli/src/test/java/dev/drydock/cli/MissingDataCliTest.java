package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drydock fails closed on advisory data (issue 10): a scan whose packages no advisory data covered says so in
 * every format, {@code --exit-code} fails on it, and the built-in gate fails on it and on stale data. Stores are
 * built by {@code db import} from the real advisories in examples/advisories (see SOURCES.md there); the Ubuntu
 * root filesystem is src/test/resources/ubuntu-rootfs (FIXTURES.md there).
 */
class MissingDataCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = DemoImageCliTest.DEMO.toString();
  private static final String ADVISORIES = "../examples/advisories";
  private static final String KEV = ADVISORIES + "/known_exploited_vulnerabilities.json";

  @TempDir Path tmp;

  static String ubuntuRootfs() {
    try {
      return Path.of(MissingDataCliTest.class.getResource("/ubuntu-rootfs").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private String cache(String name, String... imports) {
    String cache = tmp.resolve(name).toString();
    if (imports.length > 0) {
      List<String> args = new ArrayList<>(List.of("db", "import", "-q", "--cache-dir", cache));
      args.addAll(List.of(imports));
      Cli.Run r = Cli.run(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.toString()).isZero();
    }
    return cache;
  }

  private static JsonNode gateJson(Cli.Run gate) throws IOException {
    return JSON.readTree(gate.stdout());
  }

  private static JsonNode rule(JsonNode gate, String id) {
    for (JsonNode r : gate.get("result").get("rules")) {
      if (r.get("ruleId").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no rule " + id + " in " + gate);
  }

  private static List<String> titles(JsonNode rule) {
    List<String> out = new ArrayList<>();
    rule.get("failing").forEach(f -> out.add(f.get("title").asText()));
    return out;
  }

  @Test
  void withOnlyKevInTheStoreExitCodeFailsAndTheGateFailsOnNoAdvisoryData() throws IOException {
    String cache = cache("kev-only", KEV);
    Path result = tmp.resolve("result.json");
    Cli.Run scan = Cli.run("scan", DEMO, "--cache-dir", cache, "--exit-code", "1", "-f", "json", "-o",
        result.toString());
    assertThat(scan.exit()).as(scan.toString()).isEqualTo(1);
    JsonNode r = JSON.readTree(result.toFile());
    assertThat(r.get("vulnerabilities")).isEmpty();
    List<String> families = new ArrayList<>();
    r.get("coverage").forEach(c -> {
      assertThat(c.get("checked").asBoolean()).as(c.toString()).isFalse();
      families.add(c.get("family").asText());
    });
    assertThat(families).containsExactly("debian 12", "maven", "npm", "pypi");
    assertThat(r.get("advisoryData")).singleElement()
        .satisfies(d -> assertThat(d.get("dataDate").asText()).isEqualTo("2025-08-25T17:04:19.9796Z"));
    assertThat(scan.err()).contains("NOT CHECKED: 71 packages (no advisory data for debian 12, maven, npm, pypi)");

    // vulnerabilities only: the demo's misconfigurations (it runs as root) also count for --exit-code
    Cli.Run allowed = Cli.run("scan", DEMO, "--cache-dir", cache, "--exit-code", "1", "--allow-missing-data",
        "--scanners", "vuln", "-q", "-f", "json");
    assertThat(allowed.exit()).as(allowed.toString()).isZero();

    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1);
    JsonNode notChecked = rule(gateJson(gate), "DD-DATA-001");
    assertThat(notChecked.get("passed").asBoolean()).isFalse();
    assertThat(titles(notChecked)).containsExactly("no advisory data for debian 12: 64 packages not checked",
        "no advisory data for maven: 4 packages not checked", "no advisory data for npm: 2 packages not checked",
        "no advisory data for pypi: 1 package not checked");
    assertThat(gate.err()).contains("gate FAIL").contains("must-pass rule DD-DATA-001 failed: 4 findings");

    // rescan of the stored inventory: the same, and --allow-missing-data lets --exit-code pass
    Cli.Run rescan = Cli.run("rescan", DEMO, "--cache-dir", cache, "--exit-code", "1");
    assertThat(rescan.exit()).as(rescan.toString()).isEqualTo(1);
    assertThat(rescan.stdout()).contains("  no advisory data for pypi: 1 package not checked\n");
    Cli.Run rescanAllowed = Cli.run("rescan", DEMO, "--cache-dir", cache, "-q", "--exit-code", "1",
        "--allow-missing-data", "--scanners", "vuln");
    assertThat(rescanAllowed.exit()).as(rescanAllowed.toString()).isZero();
  }

  @Test
  void anEmptyStoreAndNoStoreAtAllFailExitCodeToo() throws IOException {
    // an empty store (db import refuses a path with no valid record, so it is built directly)
    String cache = cache("empty");
    try (dev.drydock.vulndb.store.StoreBuilder b = dev.drydock.vulndb.store.StoreBuilder.open(Path.of(cache))) {
      b.commit();
    }
    Cli.Run scan = Cli.run("scan", DEMO, "--cache-dir", cache, "--exit-code", "1", "-q", "-f", "json");
    assertThat(scan.exit()).as(scan.toString()).isEqualTo(1);
    assertThat(JSON.readTree(scan.stdout()).get("coverage")).hasSize(4)
        .allSatisfy(c -> assertThat(c.get("checked").asBoolean()).isFalse());

    Cli.Run none = Cli.run("scan", DEMO, "--cache-dir", tmp.resolve("none").toString(), "--exit-code", "1", "-q",
        "-f", "json");
    assertThat(none.exit()).as(none.toString()).isEqualTo(1);
    assertThat(JSON.readTree(none.stdout()).get("coverage").get(0).get("reason").asText())
        .isEqualTo("no advisory data for debian 12: 64 packages not checked (no vulnerability store)");
  }

  @Test
  void dataOlderThanTheLimitFailsTheGateUnlessTheLimitIsRaised() throws IOException {
    String cache = cache("stale", ADVISORIES);
    Path result = tmp.resolve("stale.json");
    Cli.Run scan = Cli.run("scan", DEMO, "--cache-dir", cache, "-f", "json", "-o", result.toString());
    assertThat(scan.exit()).as(scan.toString()).isZero();
    String source = "import:" + Path.of(ADVISORIES).toAbsolutePath().normalize();
    assertThat(JSON.readTree(result.toFile()).get("warnings").toString())
        .contains("advisory data " + source + " is ").contains("(data date 2025-08-25; the limit is 7 days)");

    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).isEqualTo(1);
    JsonNode age = rule(gateJson(gate), "DD-DATA-002");
    assertThat(age.get("passed").asBoolean()).isFalse();
    assertThat(titles(age)).containsExactly("advisory data " + source + " from 2025-08-25");

    Cli.Run raised = Cli.run("gate", "-f", "json", "--max-data-age-days", "100000", result.toString());
    assertThat(rule(gateJson(raised), "DD-DATA-002").get("passed").asBoolean()).isTrue();
    // the demo's advisories have no Debian data: that still fails
    assertThat(rule(gateJson(raised), "DD-DATA-001").get("passed").asBoolean()).isFalse();

    Cli.Run status = Cli.run("db", "status", "--cache-dir", cache);
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out()).containsPattern("(?m)^Data dates:$")
        .containsPattern("(?m)^  " + java.util.regex.Pattern.quote(source) + "\\s+2025-08-25  \\d+ days old$");
    assertThat(status.err()).contains("drydock: warning: advisory data " + source + " is ")
        .contains("(data date 2025-08-25); the limit is 7 days: run 'drydock db update'");
  }

  @Test
  void anUbuntuRootfsIsReportedNotCheckedInEveryFormatAndFailsTheGate() throws IOException {
    String cache = cache("ubuntu", ADVISORIES);
    String reason = "no advisory data for ubuntu 22.04: 3 packages not checked";

    Cli.Run table = Cli.run("scan", ubuntuRootfs(), "--cache-dir", cache);
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.stdout()).contains("Vulnerabilities: 0 ")
        .contains("NOT CHECKED: 3 packages had no advisory data; their vulnerabilities are unknown, not absent:\n  "
            + reason + "\n");

    Path result = tmp.resolve("ubuntu.json");
    Cli.Run json = Cli.run("scan", ubuntuRootfs(), "--cache-dir", cache, "-q", "-f", "json", "-o", result.toString(),
        "--exit-code", "4");
    assertThat(json.exit()).as(json.toString()).isEqualTo(4);
    JsonNode r = JSON.readTree(result.toFile());
    assertThat(r.get("coverage")).singleElement().satisfies(c -> {
      assertThat(c.get("family").asText()).isEqualTo("ubuntu 22.04");
      assertThat(c.get("packages").asInt()).isEqualTo(3);
      assertThat(c.get("checked").asBoolean()).isFalse();
      assertThat(c.get("reason").asText()).isEqualTo(reason);
    });

    Cli.Run sarif = Cli.run("scan", ubuntuRootfs(), "--cache-dir", cache, "-q", "-f", "sarif");
    JsonNode run = JSON.readTree(sarif.stdout()).get("runs").get(0);
    assertThat(run.get("results")).singleElement().satisfies(x -> {
      assertThat(x.get("ruleId").asText()).isEqualTo("DD-DATA-001");
      assertThat(x.get("level").asText()).isEqualTo("error");
      assertThat(x.get("message").get("text").asText()).isEqualTo(reason);
    });

    Cli.Run gate = Cli.run("gate", "-f", "json", result.toString());
    assertThat(gate.exit()).isEqualTo(1);
    assertThat(titles(rule(gateJson(gate), "DD-DATA-001"))).containsExactly(reason);

  }
}
