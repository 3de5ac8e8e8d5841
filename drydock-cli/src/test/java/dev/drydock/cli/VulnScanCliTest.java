package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan --advisories} of the bundled demo image (examples/demo-app.tar) against the real
 * advisories in examples/advisories (see SOURCES.md there): findings, filters, exit codes, ignore files,
 * VEX, and the SARIF / CycloneDX renderings of the same findings.
 */
class VulnScanCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = DemoImageCliTest.DEMO.toString();
  private static final String ADVISORIES = "../examples/advisories";
  private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";

  @TempDir static Path shared;
  private static JsonNode full;

  @TempDir Path tmp;

  private static String cache() {
    return shared.resolve("cache").toString();
  }

  /** Runs scan with --advisories, a shared cache and the given extra arguments. */
  private static Cli.Run scan(String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", DEMO, "--advisories", ADVISORIES, "--cache-dir", cache()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static JsonNode scanJson(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("-f", "json"));
    Cli.Run r = scan(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return JSON.readTree(r.stdout());
  }

  @BeforeAll
  static void scanOnce() throws IOException {
    full = scanJson();
  }

  private static List<JsonNode> findings(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    report.get("vulnerabilities").forEach(out::add);
    return out;
  }

  private static List<String> ids(JsonNode report) {
    return findings(report).stream().map(v -> v.get("id").asText()).toList();
  }

  private static JsonNode finding(JsonNode report, String id, String purl) {
    return findings(report).stream()
        .filter(v -> v.get("id").asText().equals(id) && v.get("purl").asText().equals(purl))
        .findFirst().orElseThrow(() -> new AssertionError(id + " on " + purl + " not found in " + ids(report)));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void log4jShellIsFoundWithFixKevSeverityAndTheLayerThatAddedIt() {
    JsonNode v = finding(full, "CVE-2021-44228", LOG4J);
    assertThat(v.get("status").asText()).isEqualTo("FIXED");
    assertThat(texts(v.get("fixedVersions"))).containsExactly("2.15.0");
    assertThat(v.get("kev").asBoolean()).isTrue();
    assertThat(v.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(v.get("installedVersion").asText()).isEqualTo("2.14.1");
    assertThat(v.get("layerIndex").asInt()).isEqualTo(3);
    JsonNode layer3 = full.get("layers").get(3);
    assertThat(layer3.get("index").asInt()).isEqualTo(3);
    // examples/FIXTURES.md: layer 3 is the COPY of the fat jar
    assertThat(layer3.get("createdBy").asText()).startsWith("COPY target/demo-app.jar /app/app.jar");
    assertThat(v.get("createdBy").asText()).isEqualTo(layer3.get("createdBy").asText());
    assertThat(v.get("layerDiffId").asText()).isEqualTo(layer3.get("diffId").asText());

    JsonNode second = finding(full, "CVE-2021-45046", LOG4J);
    assertThat(texts(second.get("fixedVersions"))).containsExactly("2.16.0");
    assertThat(second.get("kev").asBoolean()).isTrue();
  }

  @Test
  void lodashAndMinimistAreFoundButPyYamlSixIsNot() {
    JsonNode lodash = finding(full, "CVE-2020-8203", "pkg:npm/lodash@4.17.15");
    assertThat(lodash.get("layerIndex").asInt()).isEqualTo(4);
    assertThat(lodash.get("kev").asBoolean()).isFalse();
    finding(full, "CVE-2021-44906", "pkg:npm/minimist@1.2.0");
    // PyYAML 6.0 is in the inventory, but its advisories (examples/advisories/pypa) are all fixed by 5.4
    assertThat(findings(full).stream().map(p -> p.get("purl").asText()))
        .noneMatch(purl -> purl.toLowerCase().startsWith("pkg:pypi/pyyaml"));
    List<String> pypi = new ArrayList<>();
    full.get("packages").forEach(p -> {
      if (p.get("ecosystem").asText().equals("PYPI")) {
        pypi.add(p.get("name").asText() + "@" + p.get("version").asText());
      }
    });
    assertThat(pypi).containsExactly("PyYAML@6.0");
  }

  @Test
  void findingsAreSortedByRiskScoreDescending() {
    List<Double> scores = findings(full).stream().map(v -> v.get("riskScore").asDouble()).toList();
    assertThat(scores).hasSizeGreaterThan(10);
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scores.get(0)).isGreaterThan(scores.get(scores.size() - 1));
  }

  @Test
  void severityFilterKeepsOnlyCritical() throws IOException {
    long criticalInFull = findings(full).stream().filter(v -> v.get("severity").asText().equals("CRITICAL")).count();
    assertThat(criticalInFull).isPositive().isLessThan(findings(full).size());
    JsonNode critical = scanJson("--severity", "CRITICAL");
    assertThat(findings(critical)).hasSize((int) criticalInFull)
        .allSatisfy(v -> assertThat(v.get("severity").asText()).isEqualTo("CRITICAL"));
    assertThat(ids(critical)).contains("CVE-2021-44228", "CVE-2021-45046").doesNotContain("CVE-2020-8203");
  }

  @Test
  void exitCodeIsReturnedOnlyWhenFindingsRemain() {
    assertThat(findings(full)).noneMatch(v -> v.get("severity").asText().equals("LOW"));
    Cli.Run some = scan("--exit-code", "5", "-q", "-f", "json");
    assertThat(some.exit()).as(some.toString()).isEqualTo(5);
    // the bundled advisories hold no Debian data: the demo's Debian packages are not checked, which fails
    // --exit-code like a finding unless --allow-missing-data says that is accepted
    Cli.Run notChecked = scan("--exit-code", "5", "--severity", "LOW", "-q", "-f", "json");
    assertThat(notChecked.exit()).as(notChecked.toString()).isEqualTo(5);
    Cli.Run none = scan("--exit-code", "5", "--severity", "LOW", "--allow-missing-data", "-q", "-f", "json");
    assertThat(none.exit()).as(none.toString()).isZero();
  }

  private Path ignoreFile(LocalDate expires) throws IOException {
    return Files.writeString(tmp.resolve(".drydockignore.yaml"), "# accepted risks of the demo image\n"
        + "vulnerabilities:\n"
        + "  - id: CVE-2021-44228\n"
        + "    purls: [\"pkg:maven/org.apache.logging.log4j/log4j-core\"]\n"
        + "    reason: \"JndiLookup.class is stripped at start-up\"\n"
        + "    expires: " + expires + "\n");
  }

  @Test
  void ignoreFileWithFutureExpirySuppressesAndShowSuppressedListsIt() throws IOException {
    Path ignore = ignoreFile(LocalDate.now(ZoneOffset.UTC).plusYears(1));
    JsonNode r = scanJson("--ignorefile", ignore.toString());
    assertThat(ids(r)).doesNotContain("CVE-2021-44228").contains("CVE-2021-45046");
    assertThat(findings(r)).hasSize(findings(full).size() - 1);
    assertThat(r.get("suppressed")).isEmpty();

    JsonNode shown = scanJson("--ignorefile", ignore.toString(), "--show-suppressed");
    assertThat(ids(shown)).doesNotContain("CVE-2021-44228");
    assertThat(shown.get("suppressed")).hasSize(1);
    JsonNode s = shown.get("suppressed").get(0);
    assertThat(s.get("vulnerability").get("id").asText()).isEqualTo("CVE-2021-44228");
    assertThat(s.get("vulnerability").get("purl").asText()).isEqualTo(LOG4J);
    assertThat(s.get("by").asText()).isEqualTo("ignorefile:" + ignore + ":3");
    assertThat(s.get("reason").asText()).isEqualTo("JndiLookup.class is stripped at start-up");
  }

  @Test
  void expiredIgnoreEntryNoLongerSuppressesAndWarnsWithFileAndLine() throws IOException {
    Path ignore = ignoreFile(LocalDate.now(ZoneOffset.UTC).minusDays(1));
    JsonNode r = scanJson("--ignorefile", ignore.toString());
    finding(r, "CVE-2021-44228", LOG4J);
    assertThat(findings(r)).hasSize(findings(full).size());
    assertThat(texts(r.get("warnings"))).anySatisfy(w ->
        assertThat(w).contains(ignore + ":3").contains("CVE-2021-44228").contains("expired"));
  }

  @Test
  void openVexNotAffectedSuppressesThatCveOnThatPackage() throws IOException {
    Path vex = Files.writeString(tmp.resolve("demo.openvex.json"), """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.com/vex/demo-app-1",
          "author": "demo-app maintainers",
          "timestamp": "2025-01-10T12:00:00Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": {"name": "CVE-2021-45046"},
              "products": [{"@id": "%s"}],
              "status": "not_affected",
              "justification": "vulnerable_code_not_in_execute_path",
              "impact_statement": "no Thread Context lookups in log patterns"
            }
          ]
        }
        """.formatted(LOG4J));
    JsonNode r = scanJson("--vex", vex.toString(), "--show-suppressed");
    assertThat(ids(r)).doesNotContain("CVE-2021-45046").contains("CVE-2021-44228");
    assertThat(findings(r)).hasSize(findings(full).size() - 1);
    assertThat(r.get("suppressed")).hasSize(1);
    JsonNode s = r.get("suppressed").get(0);
    assertThat(s.get("vulnerability").get("id").asText()).isEqualTo("CVE-2021-45046");
    assertThat(s.get("by").asText()).startsWith("vex:").contains("demo.openvex.json");
  }

  @Test
  void badIgnoreFileIsOneLineWithFileAndLine() throws IOException {
    Path ignore = Files.writeString(tmp.resolve(".drydockignore.yaml"), "vulnerabilities:\n"
        + "  - id: CVE-2021-44228\n"
        + "    reason: accepted\n"
        + "    expires: next-tuesday\n");
    Cli.Run r = scan("--ignorefile", ignore.toString(), "-f", "json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).startsWith("drydock: ").contains(ignore + ":").doesNotContain("Exception", "\tat ");
    assertThat(r.err()).containsPattern("\\.drydockignore\\.yaml:[2-4]\\b");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void sarifHasOneResultPerFindingWithTheFindingIdAsRule() throws IOException {
    Cli.Run r = scan("-f", "sarif", "-q");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode run = JSON.readTree(r.stdout()).get("runs").get(0);
    List<String> ruleIds = new ArrayList<>();
    // vulnerability results (the image checks' DD-IMG results and the not-checked DD-DATA-001 follow them)
    List<String> notChecked = new ArrayList<>();
    run.get("results").forEach(x -> {
      if (x.get("ruleId").asText().equals("DD-DATA-001")) {
        notChecked.add(x.get("message").get("text").asText());
      } else if (!x.get("ruleId").asText().startsWith("DD-IMG-")) {
        ruleIds.add(x.get("ruleId").asText());
      }
    });
    assertThat(notChecked).containsExactly("no advisory data for debian 12: 64 packages not checked");
    assertThat(ruleIds).hasSize(findings(full).size());
    assertThat(ruleIds).containsExactlyInAnyOrderElementsOf(ids(full));
  }

  @Test
  void cycloneDxVulnerabilitiesCarryTheSameIds() throws IOException {
    Cli.Run r = scan("-f", "cyclonedx", "-q");
    assertThat(r.exit()).as(r.toString()).isZero();
    JsonNode bom = JSON.readTree(r.stdout());
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    List<String> cdxIds = new ArrayList<>();
    bom.get("vulnerabilities").forEach(v -> cdxIds.add(v.get("id").asText()));
    assertThat(cdxIds).containsExactlyInAnyOrderElementsOf(ids(full));
    JsonNode log4shell = null;
    for (JsonNode v : bom.get("vulnerabilities")) {
      if (v.get("id").asText().equals("CVE-2021-44228")) {
        log4shell = v;
      }
    }
    assertThat(log4shell).isNotNull();
    List<String> refs = new ArrayList<>();
    log4shell.get("affects").forEach(a -> refs.add(a.get("ref").asText()));
    assertThat(refs).anySatisfy(ref -> assertThat(ref).contains("log4j-core"));
  }

  @Test
  void advisoryStoreIsBuiltOnceAndReused() throws IOException {
    try (Stream<Path> s = Files.list(shared.resolve("cache").resolve("advisories"))) {
      assertThat(s.toList()).hasSize(1);
    }
  }
}
