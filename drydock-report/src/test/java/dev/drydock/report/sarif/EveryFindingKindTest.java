package dev.drydock.report.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.FindingKind;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.WebAlert;
import dev.drydock.report.Findings;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What adding a finding kind touches: the model ({@link FindingKind}, its record, its list in {@link ScanResult}),
 * its producer, and a sample here. Every kind reaches SARIF (a rule tagged with the kind's name, a result, a
 * suppression), the table (its rule and severity, the suppressed table) and JSON (read back unchanged) through
 * their generic paths; a kind a generic renderer skips fails here, and a kind without a sample does not compile.
 */
class EveryFindingKindTest {

  /** One finding of {@code kind}. No default: a new kind does not compile until it has a sample. */
  static Finding sample(FindingKind kind) {
    return switch (kind) {
      case VULNERABILITY -> new Vulnerability("CVE-2023-5678", List.of("DSA-5532-1"), "pkg:deb/debian/libssl3@3.0.11",
          Ecosystem.DEB, "openssl", "3.0.11-1~deb12u1", List.of("3.0.11-1~deb12u2"), Vulnerability.Status.FIXED,
          Severity.MEDIUM, List.of(), null, null, null, false, null, 40.0, "openssl: DH checks too slow", null, 0,
          "sha256:aa", null, List.of("var/lib/dpkg/status"), List.of(), List.of("debian"), null, null);
      case MISCONFIGURATION -> new Misconfiguration("DD-DF-001", Severity.HIGH, "Image runs as root", "Dockerfile", 7, 1,
          "Add a USER instruction.", List.of("hadolint:DL3002"), List.of("cis-docker:4.1"), null, null);
      case SECRET -> ExposedSecret.inFile("DD-SEC-001", "cloud", Severity.CRITICAL, "AWS access key id", "app/.env", 3,
          12, "AKIA****", "f00d");
      case WEB_ALERT -> new WebAlert("DD-WEB-001", "10038", Severity.MEDIUM, "WARN",
          "Content Security Policy (CSP) header not set", "https://app.example/", "Content-Security-Policy", null,
          "Send a Content-Security-Policy header.", List.of("zap:10038"), List.of("owasp-asvs:14.4.3"));
    };
  }

  static ScanResult.Builder result() {
    return ScanResult.builder().schemaVersion(ScanResult.SCHEMA_VERSION).drydockVersion("0.1.0")
        .createdAt("2026-12-07T00:00:00Z").target(new Target("docker-archive", "app.tar", null, null, List.of(), null));
  }

  static String render(String format, ScanResult r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Reports.byName(format).write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(FindingKind.class)
  void sarifHasARuleTaggedWithTheKindAndAResultOfIt(FindingKind kind) throws IOException {
    Finding f = sample(kind);
    JsonNode doc = SarifReportTest.parse(render("sarif", result().addFinding(f).build()).getBytes(StandardCharsets.UTF_8));
    assertThat(SarifReportTest.errors(doc)).isEmpty();
    JsonNode results = doc.at("/runs/0/results");
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.get("ruleId").asText()).isEqualTo(f.ruleId());
    assertThat(r.get("level").asText()).isEqualTo(SarifReport.level(f.severity()).value());
    assertThat(r.has("suppressions")).isFalse();
    JsonNode rule = doc.at("/runs/0/tool/driver/rules/" + r.get("ruleIndex").asInt());
    assertThat(rule.get("id").asText()).isEqualTo(f.ruleId());
    assertThat(rule.at("/properties/tags/0").asText()).isEqualTo(kind.id());
    assertThat(rule.at("/properties/tags")).extracting(JsonNode::asText)
        .contains(Findings.summarySeverity(f).name());
  }

  @ParameterizedTest
  @EnumSource(FindingKind.class)
  void sarifShowsASuppressedFindingOfTheKindAsSuppressed(FindingKind kind) throws IOException {
    Finding f = sample(kind);
    ScanResult r = result().suppressed(List.of(SuppressedFinding.of(f, "ignorefile:.drydockignore.yaml:3",
        "accepted"))).build();
    JsonNode doc = SarifReportTest.parse(render("sarif", r).getBytes(StandardCharsets.UTF_8));
    assertThat(SarifReportTest.errors(doc)).isEmpty();
    JsonNode result = doc.at("/runs/0/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo(f.ruleId());
    assertThat(result.at("/suppressions/0/justification").asText()).isEqualTo("accepted");
    assertThat(result.at("/suppressions/0/properties/suppressedBy").asText())
        .isEqualTo("ignorefile:.drydockignore.yaml:3");
  }

  @ParameterizedTest
  @EnumSource(FindingKind.class)
  void tableListsTheFindingWithItsRuleAndSeverity(FindingKind kind) throws IOException {
    Finding f = sample(kind);
    List<String> lines = render("table", result().addFinding(f).build()).lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith(f.ruleId() + " ") && l.contains(Findings.summarySeverity(f).name()));
    List<String> suppressed = render("table", result()
        .suppressed(List.of(SuppressedFinding.of(f, "vex:app.openvex.json", "not affected"))).build())
        .lines().toList();
    assertThat(suppressed).contains("Suppressed: 1");
    assertThat(suppressed).anyMatch(l -> l.contains(" " + f.ruleId() + " ") && l.contains("vex:app.openvex.json"));
  }

  @ParameterizedTest
  @EnumSource(FindingKind.class)
  void jsonReadsTheFindingBackUnchanged(FindingKind kind, @TempDir Path dir) throws IOException {
    Finding f = sample(kind);
    Path file = dir.resolve("result.json");
    ScanResult r = result().addFinding(f).suppressed(List.of(SuppressedFinding.of(f, "vex:v.json", null))).build();
    Files.writeString(file, render("json", r));
    ScanResult back = Json.read(file);
    assertThat(back.findings()).containsExactly(f);
    assertThat(back.suppressed()).extracting(SuppressedFinding::finding).containsExactly(f);
    assertThat(back).isEqualTo(r);
  }

  /** The family's accessors are not properties: drydock's JSON (docs/json-format.md) is what it was. */
  @Test
  void jsonHasNoPropertyOfTheFamilyAccessors() throws IOException {
    ScanResult.Builder b = result();
    List<SuppressedFinding> suppressed = new ArrayList<>();
    for (FindingKind kind : FindingKind.values()) {
      b.addFinding(sample(kind));
      suppressed.add(SuppressedFinding.of(sample(kind), "vex:v.json", null));
    }
    JsonNode doc = Json.mapper().readTree(render("json", b.suppressed(suppressed).build()));
    assertThat(fieldNames(doc)).doesNotContain("findings");
    List<String> accessors = Arrays.asList("kind", "location");
    for (String list : List.of("vulnerabilities", "misconfigurations", "secrets")) {
      assertThat(fieldNames(doc.get(list).get(0))).as(list).doesNotContainAnyElementsOf(accessors);
    }
    assertThat(fieldNames(doc.get("vulnerabilities").get(0))).doesNotContain("ruleId", "controls");
    assertThat(fieldNames(doc.get("secrets").get(0))).doesNotContain("controls");
    for (JsonNode s : doc.get("suppressed")) {
      assertThat(fieldNames(s)).doesNotContain("finding");
    }
    assertThat(fieldNames(doc.at("/suppressed/0"))).containsExactly("vulnerability", "by");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void kindNamesAreStableLowerCase() {
    assertThat(Arrays.stream(FindingKind.values()).map(FindingKind::id))
        .allMatch(id -> id.equals(id.toLowerCase(Locale.ROOT)))
        .contains("vulnerability", "misconfiguration", "secret");
  }
}
