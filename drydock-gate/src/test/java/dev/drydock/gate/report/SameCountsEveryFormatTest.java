package dev.drydock.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.drift.Drift;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.Gate;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.model.ScanResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.NodeList;

/**
 * One real gate result rendered in all six formats: the numbers parsed back out of each must be the same
 * (docs/baseline.md, "Counting findings").
 */
class SameCountsEveryFormatTest {

  /**
   * The demo image against its previous release (which lacked log4j-core and minimist), with KEV and
   * fixable-high ratchets, an info rule, a ticketed waiver and an expired one: a KEV finding trips four rules.
   */
  static final String DRIFT_BASELINE = """
      version: 1
      rules:
        - class: vuln.fixable-kev
          level: must-pass
        - class: vuln.fixable-critical
          level: must-pass
        - id: ratchet.kev
          level: must-pass
        - id: ratchet.fixable-high
          level: may-fail
        - class: vuln.medium
          level: info
        - class: vuln.high
          level: may-fail
      waivers:
        - id: CVE-2020-8203
          owner: team-web
          reason: server side only
          ticket: WEB-1
          expires: 2027-06-01
        - id: CVE-2021-44906
          owner: team-web
          reason: not reachable
          expires: 2026-11-01
      """;

  static GateReport driftReport() {
    ScanResult current = DemoReports.scan();
    DriftReport drift = Drift.between(DemoReports.scanWithout("log4j-core", "minimist"), current);
    List<GateFinding> ratchets = Drift.ratchet(drift, List.of("kev", "fixable-high"));
    GateResult r = Gate.evaluate(BaselineLoader.parse("drydock-baseline.yaml", DRIFT_BASELINE), null, null,
        GateFindings.of(current), ratchets, DemoReports.TODAY);
    return new GateReport(DemoReports.CREATED, "drydock-baseline.yaml", List.of(DemoReports.TARGET), r,
        GateReport.failingByLayer(List.of(current), r), drift);
  }

  static GateReport defaultReport() {
    ScanResult current = DemoReports.scan();
    GateResult r = Gate.evaluate(BaselineLoader.defaults(), null, null, GateFindings.of(current), List.of(),
        DemoReports.TODAY);
    return new GateReport(DemoReports.CREATED, "built-in default", List.of(DemoReports.TARGET), r,
        GateReport.failingByLayer(List.of(current), r), null);
  }

  /** Both KEV findings waived with tickets: PASS, and the ticket bonus has nothing to add to 100. */
  static GateReport cleanReport() {
    ScanResult current = DemoReports.scan();
    GateResult r = Gate.evaluate(BaselineLoader.parse("clean.yaml", """
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
        waivers:
          - id: CVE-2021-44228
            owner: team-payments
            reason: JNDI lookups disabled
            ticket: SEC-1
            expires: 2027-01-31
          - id: CVE-2021-45046
            owner: team-payments
            reason: JNDI lookups disabled
            ticket: SEC-2
            expires: 2027-01-31
        """), null, null, GateFindings.of(current), List.of(), DemoReports.TODAY);
    return new GateReport(DemoReports.CREATED, "clean.yaml", List.of(DemoReports.TARGET), r,
        GateReport.failingByLayer(List.of(current), r), null);
  }

  static Stream<Arguments> reports() {
    return Stream.of(Arguments.of("drift, ratchets, waivers, info rule", driftReport()),
        Arguments.of("built-in default", defaultReport()), Arguments.of("waivers", DemoReports.waived(null)),
        Arguments.of("clean", cleanReport()));
  }

  /** What every format must state. */
  static final List<String> EVERY_FORMAT = List.of("decision", "score", "grade", "failing", "failing.kev",
      "rules.must-pass-failed", "rules.may-fail-failed");
  /** What every format but SARIF (whose results name neither KEV nor severities) states on its own. */
  static final List<String> ALL_COUNTS = List.of("failing.must-pass", "waived", "info-only", "unselected",
      "evaluated", "severity.CRITICAL", "severity.HIGH", "severity.MEDIUM", "severity.LOW");
  /** The formats that list the distinct failing findings (JUnit and SARIF list them per rule). */
  static final Set<String> LISTING = Set.of("json", "table", "markdown", "html");

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void everyFormatGivesTheSameNumbers(String name, GateReport report) throws Exception {
    Map<String, Map<String, String>> byFormat = new LinkedHashMap<>();
    byFormat.put("json", json(DemoReports.render("json", report)));
    byFormat.put("table", table(DemoReports.render("table", report)));
    byFormat.put("markdown", markdown(DemoReports.render("markdown", report)));
    byFormat.put("html", html(DemoReports.render("html", report)));
    byFormat.put("junit", junit(DemoReports.render("junit", report)));
    byFormat.put("sarif", sarif(DemoReports.render("sarif", report)));

    Map<String, String> reference = byFormat.get("json");
    for (var e : byFormat.entrySet()) {
      Map<String, String> numbers = e.getValue();
      assertThat(numbers).as(e.getKey()).containsKeys(EVERY_FORMAT.toArray(String[]::new));
      if (!e.getKey().equals("sarif")) {
        assertThat(numbers).as(e.getKey()).containsKeys(ALL_COUNTS.toArray(String[]::new));
      }
      if (LISTING.contains(e.getKey())) {
        assertThat(numbers).as(e.getKey()).containsKey("listed");
      }
      // the list of failing findings a format shows (or its "of N") holds the findings it counts
      if (numbers.containsKey("listed")) {
        assertThat(numbers.get("listed")).as(e.getKey() + ": findings listed vs counted")
            .isEqualTo(numbers.get("failing"));
      }
      for (var n : numbers.entrySet()) {
        assertThat(n.getValue()).as(e.getKey() + " " + n.getKey() + " (json says " + reference.get(n.getKey()) + ")")
            .isEqualTo(reference.get(n.getKey()));
      }
    }
    // every failing rule's count agrees too (one entry per failing rule)
    Set<String> rules = new HashSet<>();
    byFormat.values().forEach(m -> m.keySet().stream().filter(k -> k.startsWith("rule:")).forEach(rules::add));
    for (var e : byFormat.entrySet()) {
      for (String rule : rules) {
        assertThat(e.getValue()).as(e.getKey() + " " + rule).containsEntry(rule, reference.get(rule));
      }
    }
    // and the numbers are the gate's own
    assertThat(reference.get("failing")).isEqualTo(Integer.toString(report.result().failingFindings().size()));
    assertThat(reference.get("score")).isEqualTo(Integer.toString(report.result().score().value()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reports")
  void theKevFindingsCountOnceAndTheScoreStaysWithin0To100(String name, GateReport report) throws Exception {
    Map<String, String> json = json(DemoReports.render("json", report));
    // the fixture has two KEV CVEs (log4j-core's CVE-2021-44228 and CVE-2021-45046); waived ones do not fail
    long kevFailing = report.result().failingFindings().stream().filter(GateFinding::kev).count();
    assertThat(kevFailing).isLessThanOrEqualTo(2);
    assertThat(json.get("failing.kev")).isEqualTo(Long.toString(kevFailing));
    assertThat(Integer.parseInt(json.get("score"))).isBetween(0, 100);
    if (name.equals("clean")) {
      assertThat(json.get("score")).isEqualTo("100");
      assertThat(json.get("grade")).isEqualTo("A+");
      assertThat(json.get("decision")).isEqualTo("PASS");
    }
    if (name.startsWith("drift")) {
      assertThat(kevFailing).isEqualTo(2);
      // the -20 per KEV finding applies twice, not once per rule each one trips
      assertThat(DemoReports.render("table", report)).contains("- 40 failing finding in CISA KEV (x2)");
    }
  }

  // ---- parsers: each reads only its own format's text ----

  static final Pattern FINDINGS = Pattern.compile("Findings: (\\d+) failing \\((\\d+) must-pass, (\\d+) in CISA KEV\\), "
      + "(\\d+) waived, (\\d+) info only, (\\d+) selected by no rule, (\\d+) evaluated");
  static final Pattern SEVERITIES = Pattern.compile("Failing by severity: (.*)");
  static final Pattern RULES = Pattern.compile("Rules: (\\d+) evaluated, (\\d+) must-pass failed, (\\d+) may-fail failed");
  static final Pattern TOP = Pattern.compile("Top findings \\((\\d+) of (\\d+)\\)");

  private static void putSeverities(Map<String, String> m, String line) {
    for (String s : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN")) {
      m.put("severity." + s, "0");
    }
    if (!line.equals("none")) {
      for (String part : line.split(", ")) {
        String[] kv = part.split(" ");
        m.put("severity." + kv[0], kv[1]);
      }
    }
  }

  /** The lines table and Markdown share, wherever they are. */
  private static void countLines(Map<String, String> m, String text) {
    Matcher f = FINDINGS.matcher(text);
    if (f.find()) {
      m.put("failing", f.group(1));
      m.put("failing.must-pass", f.group(2));
      m.put("failing.kev", f.group(3));
      m.put("waived", f.group(4));
      m.put("info-only", f.group(5));
      m.put("unselected", f.group(6));
      m.put("evaluated", f.group(7));
    }
    Matcher s = SEVERITIES.matcher(text);
    if (s.find()) {
      putSeverities(m, s.group(1).strip());
    }
    Matcher r = RULES.matcher(text);
    if (r.find()) {
      m.put("rules.must-pass-failed", r.group(2));
      m.put("rules.may-fail-failed", r.group(3));
    }
    Matcher t = TOP.matcher(text);
    m.put("listed", t.find() ? t.group(2) : "0");
  }

  static Map<String, String> table(String text) {
    Map<String, String> m = new TreeMap<>();
    Matcher head = Pattern.compile("^Gate: (\\w+)  score (\\d+) grade (\\S+)").matcher(text);
    if (head.find()) {
      m.put("decision", head.group(1));
      m.put("score", head.group(2));
      m.put("grade", head.group(3));
    }
    countLines(m, text);
    List<String> lines = text.lines().toList();
    int at = lines.indexOf("Failing rules:");
    if (at >= 0) {
      for (String l : lines.subList(at + 2, lines.size())) {
        if (l.isBlank()) {
          break;
        }
        String[] cols = l.trim().split("\\s+");
        m.put("rule:" + cols[0], cols[2]);
      }
    }
    return m;
  }

  static Map<String, String> markdown(String text) {
    Map<String, String> m = new TreeMap<>();
    Matcher d = Pattern.compile("^## drydock gate: (\\w+)").matcher(text);
    if (d.find()) {
      m.put("decision", d.group(1));
    }
    Matcher s = Pattern.compile("\\*\\*Score (\\d+) \\(grade (\\S+)\\)\\*\\*").matcher(text);
    if (s.find()) {
      m.put("score", s.group(1));
      m.put("grade", s.group(2));
    }
    countLines(m, text);
    Matcher rule = Pattern.compile("(?m)^\\| `([^`]+)` \\| (must-pass|may-fail) \\| (\\d+) \\|$").matcher(text);
    while (rule.find()) {
      m.put("rule:" + rule.group(1), rule.group(3));
    }
    return m;
  }

  static Map<String, String> html(String page) {
    Document doc = Jsoup.parse(page);
    Map<String, String> m = new TreeMap<>();
    m.put("decision", doc.selectFirst("#decision").text());
    m.put("score", doc.selectFirst("#score").text());
    m.put("grade", doc.selectFirst("#grade").text());
    Map<String, String> rows = Map.of("failing", "failing", "failing.must-pass", "failing-must-pass", "failing.kev",
        "failing-kev", "waived", "waived", "info-only", "info-only", "unselected", "unselected", "evaluated",
        "evaluated", "rules.must-pass-failed", "must-pass-rules-failed", "rules.may-fail-failed",
        "may-fail-rules-failed");
    rows.forEach((key, attr) -> {
      Element td = doc.selectFirst("#counts-table tr[data-total=" + attr + "] td");
      if (td != null) {
        m.put(key, td.text());
      }
    });
    for (Element bar : doc.select(".severity-bar")) {
      m.put("severity." + bar.attr("data-severity"), bar.attr("data-count"));
    }
    // the failing findings table, its heading, and the layer table (plus its "no layer" row) list the same findings
    int listed = doc.select("#findings-table tbody tr").size();
    m.put("listed", Integer.toString(listed));
    Matcher h = Pattern.compile("Failing findings \\((\\d+)\\)").matcher(doc.selectFirst("#findings h2").text());
    assertThat(h.find()).isTrue();
    assertThat(h.group(1)).as("html findings heading").isEqualTo(Integer.toString(listed));
    int byLayer = doc.select("#layers-table tbody tr").stream().mapToInt(r -> Integer.parseInt(r.child(3).text()))
        .sum();
    if (!doc.select("#layers-table").isEmpty()) {
      assertThat(byLayer).as("html layer table total").isEqualTo(listed);
    }
    int sev = doc.select(".severity-bar").stream().mapToInt(b -> Integer.parseInt(b.attr("data-count"))).sum();
    assertThat(sev).as("html chart total").isEqualTo(listed);
    for (Element row : doc.select("#rules-table tbody tr")) {
      String level = row.child(1).text();
      if (row.child(2).text().equals("failed") && (level.equals("must-pass") || level.equals("may-fail"))) {
        m.put("rule:" + row.attr("data-rule"), row.child(3).text());
      }
    }
    return m;
  }

  static Map<String, String> json(String text) throws Exception {
    JsonNode doc = new ObjectMapper().readTree(text);
    JsonNode r = doc.path("result");
    Map<String, String> m = new TreeMap<>();
    m.put("decision", r.path("decision").asText());
    m.put("score", r.at("/score/value").asText());
    m.put("grade", r.at("/score/grade").asText());
    JsonNode c = r.path("counts");
    if (!c.isMissingNode()) {
      m.put("failing", c.path("failing").asText());
      m.put("failing.must-pass", c.path("failingMustPass").asText());
      m.put("failing.kev", c.path("failingKev").asText());
      m.put("waived", c.path("waived").asText());
      m.put("info-only", c.path("infoOnly").asText());
      m.put("unselected", c.path("unselected").asText());
      m.put("evaluated", c.path("evaluated").asText());
      m.put("rules.must-pass-failed", c.path("mustPassRulesFailed").asText());
      m.put("rules.may-fail-failed", c.path("mayFailRulesFailed").asText());
      c.path("failingBySeverity").fields().forEachRemaining(e -> m.put("severity." + e.getKey(), e.getValue().asText()));
    }
    m.put("listed", Integer.toString(r.path("failingFindings").size()));
    for (JsonNode rule : r.path("rules")) {
      String level = rule.path("level").asText();
      if (rule.path("failing").size() > 0 && (level.equals("MUST_PASS") || level.equals("MAY_FAIL"))) {
        m.put("rule:" + rule.path("ruleId").asText(), Integer.toString(rule.path("failing").size()));
      }
    }
    return m;
  }

  static Map<String, String> junit(String xml) throws Exception {
    org.w3c.dom.Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Map<String, String> m = new TreeMap<>();
    org.w3c.dom.Element suite = d.getDocumentElement();
    m.put("rules.must-pass-failed", suite.getAttribute("failures"));
    m.put("rules.may-fail-failed", suite.getAttribute("skipped"));
    Map<String, String> props = new LinkedHashMap<>();
    NodeList ps = d.getElementsByTagName("property");
    for (int i = 0; i < ps.getLength(); i++) {
      org.w3c.dom.Element p = (org.w3c.dom.Element) ps.item(i);
      props.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    m.put("decision", props.get("decision"));
    m.put("score", props.get("score"));
    m.put("grade", props.get("grade"));
    Map<String, String> names = Map.of("failing", "findings.failing", "failing.must-pass",
        "findings.failing.must-pass", "failing.kev", "findings.failing.kev", "waived", "findings.waived", "info-only",
        "findings.info-only", "unselected", "findings.unselected", "evaluated", "findings.evaluated");
    names.forEach((key, prop) -> {
      if (props.containsKey(prop)) {
        m.put(key, props.get(prop));
      }
    });
    for (String s : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", "UNKNOWN")) {
      String v = props.get("findings.failing." + s.toLowerCase(java.util.Locale.ROOT));
      if (v != null) {
        m.put("severity." + s, v);
      }
    }
    NodeList cases = d.getElementsByTagName("testcase");
    Pattern n = Pattern.compile("(\\d+) findings?$");
    for (int i = 0; i < cases.getLength(); i++) {
      org.w3c.dom.Element tc = (org.w3c.dom.Element) cases.item(i);
      String rule = tc.getAttribute("name").split(": ", 2)[0];
      for (String tag : List.of("failure", "skipped")) {
        NodeList x = tc.getElementsByTagName(tag);
        if (x.getLength() > 0) {
          Matcher mm = n.matcher(((org.w3c.dom.Element) x.item(0)).getAttribute("message"));
          assertThat(mm.find()).isTrue();
          m.put("rule:" + rule, mm.group(1));
        }
      }
    }
    return m;
  }

  static Map<String, String> sarif(String text) throws Exception {
    JsonNode run = new ObjectMapper().readTree(text).at("/runs/0");
    JsonNode p = run.path("properties");
    Map<String, String> m = new TreeMap<>();
    m.put("decision", p.path("decision").asText());
    m.put("score", p.path("score").asText());
    m.put("grade", p.path("grade").asText());
    JsonNode c = p.path("counts");
    if (!c.isMissingNode()) {
      m.put("failing.kev", c.path("failingKev").asText());
    }
    // counted from the results themselves: unsuppressed error/warning results, by finding fingerprint and rule
    Set<String> failing = new HashSet<>();
    Set<String> mustPass = new HashSet<>();
    Set<String> mayFail = new HashSet<>();
    Map<String, Integer> perRule = new TreeMap<>();
    for (JsonNode res : run.path("results")) {
      String level = res.path("level").asText();
      if (res.path("suppressions").size() > 0 || !(level.equals("error") || level.equals("warning"))) {
        continue;
      }
      failing.add(res.at("/partialFingerprints/drydockFinding~1v1").asText(res.path("message").path("text").asText()));
      (level.equals("error") ? mustPass : mayFail).add(res.path("ruleId").asText());
      perRule.merge("rule:" + res.path("ruleId").asText(), 1, Integer::sum);
    }
    m.put("failing", Integer.toString(failing.size()));
    m.put("rules.must-pass-failed", Integer.toString(mustPass.size()));
    m.put("rules.may-fail-failed", Integer.toString(mayFail.size()));
    perRule.forEach((k, v) -> m.put(k, Integer.toString(v)));
    if (!c.isMissingNode()) {
      assertThat(c.path("failing").asText()).as("sarif counts.failing vs its results").isEqualTo(m.get("failing"));
    }
    return m;
  }
}
