package dev.drydock.gate.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.Gate;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Gate reports from a real evaluation of the demo image's scan (fixtures/gate/FIXTURES.md). */
final class DemoReports {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  static final String CREATED = "2026-11-29T10:15:30";
  static final String TARGET = "examples/demo-app.tar";
  static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  static final List<GateFinding> FINDINGS = load();

  /** log4shell waived (due for review), minimist's CVE-2021-44906 waiver expired; an info rule. */
  static final String WAIVER_BASELINE = """
      version: 1
      rules:
        - class: vuln.fixable-kev
          level: must-pass
          description: No known exploited vulnerability with a fix
          controls: [nist-800-53:SI-2, nist-800-53:RA-5]
        - class: vuln.fixable-critical
          level: must-pass
        - class: vuln.high
          level: may-fail
          description: Fix highs soon
        - class: vuln.medium
          level: info
      waivers:
        - id: CVE-2021-44228
          purl: pkg:maven/org.apache.logging.log4j/log4j-core
          owner: team-payments
          reason: JNDI lookups disabled
          ticket: SEC-1234
          expires: 2027-01-31
          review-by: 2026-12-15
        - id: CVE-2021-44906
          owner: team-web
          reason: not reachable
          expires: 2026-11-01
      """;

  private DemoReports() {}

  private static List<GateFinding> load() {
    return GateFindings.of(scan());
  }

  /** The demo scan result as stored. */
  static ScanResult scan() {
    return JSON.convertValue(tree(), ScanResult.class);
  }

  /** The demo scan without the vulnerabilities of packages whose purl contains one of {@code purlParts}. */
  static ScanResult scanWithout(String... purlParts) {
    ObjectNode doc = tree();
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode v : doc.withArray("vulnerabilities")) {
      if (List.of(purlParts).stream().noneMatch(p -> v.path("purl").asText().contains(p))) {
        kept.add(v);
      }
    }
    doc.set("vulnerabilities", kept);
    return JSON.convertValue(doc, ScanResult.class);
  }

  private static ObjectNode tree() {
    try (InputStream in = DemoReports.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GateReport defaults() {
    GateResult r = Gate.evaluate(BaselineLoader.defaults(), null, null, FINDINGS, List.of(), TODAY);
    return new GateReport(CREATED, "built-in default", List.of(TARGET), r, List.of(), null);
  }

  static GateReport waived(DriftReport drift) {
    GateResult r = Gate.evaluate(BaselineLoader.parse("drydock-baseline.yaml", WAIVER_BASELINE), null, null,
        FINDINGS, List.of(), TODAY);
    return new GateReport(CREATED, "drydock-baseline.yaml", List.of(TARGET), r, List.of(), drift);
  }

  /** A small real-looking drift: one vulnerability introduced, one package upgraded. */
  static DriftReport drift() {
    GateFinding f = FINDINGS.stream().filter(x -> x.id().equals("CVE-2021-44906")).findFirst().orElseThrow();
    var vc = new DriftReport.VulnChange(f.id(), f.purl(), "minimist", "1.2.0", f.severity(), f.fixable(),
        List.of("1.2.6"), f.kev(), f.layerDiffId(), f.title());
    var pc = new DriftReport.PackageChange(dev.drydock.model.Ecosystem.NPM, null, "lodash",
        "app/node_modules/lodash/package.json", "4.17.11", "4.17.15", "pkg:npm/lodash@4.17.15");
    var config = new DriftReport.ConfigDrift(null, List.of(), List.of(), List.of(), List.of(), false, null, null,
        false, null, null, false, false, Map.of(), List.of(), List.of());
    return new DriftReport("demo-app:1.0", "demo-app:1.1", List.of(), List.of(), List.of(pc), List.of(), List.of(),
        List.of(vc), List.of(), config, List.of(), new DriftReport.LayerDrift(3, 3, 100, 100, List.of()));
  }

  static RuleResult rule(GateReport report, String id) {
    return report.result().rules().stream().filter(x -> x.ruleId().equals(id)).findFirst().orElseThrow();
  }

  static String render(String format, GateReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      GateFormats.byName(format).render(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
