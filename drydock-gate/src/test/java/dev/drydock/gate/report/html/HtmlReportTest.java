package dev.drydock.gate.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static String render(GateReport report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlReport.render(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Document parse(String html) {
    // a tracking HTML5 parser: a malformed page shows up as parse errors
    Parser parser = Parser.htmlParser().setTrackErrors(100);
    Document doc = Jsoup.parse(html, "", parser);
    assertThat(parser.getErrors()).as("HTML5 parse errors").isEmpty();
    return doc;
  }

  private static int bar(Document doc, String severity) {
    Element e = doc.selectFirst(".severity-bar[data-severity=" + severity + "]");
    assertThat(e).as("bar " + severity).isNotNull();
    return Integer.parseInt(e.attr("data-count"));
  }

  private static int height(Document doc, String severity) {
    return Integer.parseInt(doc.selectFirst(".severity-bar[data-severity=" + severity + "]").attr("height"));
  }

  @Test
  void demoReportShowsDecisionScoreRulesChartLayersAndFindings() throws IOException {
    GateReport report = DemoReport.report();
    Document doc = parse(render(report));

    assertThat(doc.selectFirst("#decision").text()).isEqualTo("FAIL");
    assertThat(doc.selectFirst("#decision").hasClass("decision-FAIL")).isTrue();
    assertThat(doc.selectFirst("#score").text()).isEqualTo(Integer.toString(report.result().score().value()));
    assertThat(doc.selectFirst("#grade").text()).isEqualTo(report.result().score().grade().label());
    assertThat(doc.select("#reasons li")).extracting(Element::text).containsExactlyElementsOf(report.result().reasons());

    // one row per evaluated rule, with its level, outcome and failing count
    List<RuleResult> rules = report.result().rules();
    assertThat(rules).isNotEmpty();
    assertThat(doc.select("#rules-table tbody tr")).hasSize(rules.size());
    for (RuleResult r : rules) {
      Element row = doc.selectFirst("#rules-table tr[data-rule=" + r.ruleId() + "]");
      assertThat(row).as(r.ruleId()).isNotNull();
      assertThat(row.child(0).text()).isEqualTo(r.ruleId());
      assertThat(row.child(2).text()).isEqualTo(r.passed() ? "passed" : "failed");
      assertThat(row.child(3).text()).isEqualTo(Integer.toString(r.failing().size()));
    }
    // counts in the fixture's FIXTURES.md / GateTest: 2 fixable KEV, 15 fixable critical, all 62
    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-kev]").child(1).text()).isEqualTo("must-pass");
    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-kev]").child(3).text()).isEqualTo("2");
    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-critical]").child(3).text()).isEqualTo("15");
    assertThat(doc.selectFirst("tr[data-rule=vuln.any]").child(1).text()).isEqualTo("may-fail");
    assertThat(doc.selectFirst("tr[data-rule=vuln.any]").child(3).text()).isEqualTo("62");

    // severities counted with python3 from demo-app-scan.json: 15 CRITICAL, 42 HIGH, 5 MEDIUM
    assertThat(doc.select("svg .severity-bar")).hasSize(6);
    assertThat(bar(doc, "CRITICAL")).isEqualTo(15);
    assertThat(bar(doc, "HIGH")).isEqualTo(42);
    assertThat(bar(doc, "MEDIUM")).isEqualTo(5);
    assertThat(bar(doc, "LOW")).isZero();
    assertThat(bar(doc, "UNKNOWN")).isZero();
    assertThat(height(doc, "HIGH")).isEqualTo(HtmlReport.CHART_HEIGHT);
    assertThat(height(doc, "CRITICAL")).isEqualTo(Math.round(15f * HtmlReport.CHART_HEIGHT / 42));
    assertThat(height(doc, "MEDIUM")).isEqualTo(Math.round(5f * HtmlReport.CHART_HEIGHT / 42));
    assertThat(height(doc, "LOW")).isZero();

    // layers counted with python3: 57 findings in layer 3 (the jar), 5 in layer 4 (npm ci), none elsewhere
    List<Element> layerRows = doc.select("#layers-table tbody tr");
    assertThat(layerRows).hasSize(DemoReport.scan().layers().size());
    List<Element> withFindings = layerRows.stream().filter(r -> !r.child(3).text().equals("0")).toList();
    assertThat(withFindings).extracting(r -> r.child(0).text()).containsExactly("3", "4");
    assertThat(withFindings).extracting(r -> r.child(3).text()).containsExactly("57", "5");
    assertThat(withFindings.get(0).child(1).text()).isEqualTo("sha256:0134aff825b9");
    assertThat(withFindings.get(0).child(2).text()).isEqualTo("COPY target/demo-app.jar /app/app.jar # buildkit");
    assertThat(doc.select("#layers-none")).isEmpty();

    // the 62 distinct failing findings
    List<Element> findingRows = doc.select("#findings-table tbody tr");
    assertThat(findingRows).hasSize(62);
    Element log4shell = findingRows.stream().filter(r -> r.child(0).text().startsWith("CVE-2021-44228"))
        .findFirst().orElseThrow();
    assertThat(log4shell.child(0).text()).isEqualTo("CVE-2021-44228 (KEV)");
    assertThat(log4shell.child(1).text()).isEqualTo("CRITICAL");
    assertThat(log4shell.child(2).text()).isEqualTo("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");

    assertThat(doc.select("#drift")).isEmpty();
    assertNoExternalReferences(doc);
  }

  @Test
  void everyValueIsEscaped() throws IOException {
    ScanResult scan = DemoReport.scan();
    List<GateFinding> findings = new ArrayList<>(GateFindings.of(scan));
    GateFinding f = findings.get(0);
    String evil = "<script>alert(1)</script>";
    findings.set(0, new GateFinding(f.kind(), f.id(), f.ruleId(), f.severity(), evil, f.purl() + "?a=1&b=\"2\"",
        "<img src=x onerror=alert(2)>", f.layerDiffId(), f.fixable(), f.kev(), f.epss(), f.published(), f.tags(),
        f.controls()));
    GateReport base = DemoReport.report(BaselineLoader.defaults(), scan, findings, null);
    GateReport report = new GateReport(base.createdAt(), "<b>baseline</b>.yaml", List.of("\"><svg onload=x>"),
        base.result(), base.findingsByLayer(), null);
    String html = render(report);

    assertThat(html).doesNotContain(evil).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).doesNotContain("<img").doesNotContain("<b>baseline").doesNotContain("<svg onload");
    Document doc = parse(html);
    assertThat(doc.select("script, img, b, [onerror], [onload]")).isEmpty();
    assertThat(doc.select("svg")).hasSize(1);
    Element row = doc.select("#findings-table tbody tr").stream()
        .filter(r -> r.child(0).text().startsWith(f.id())).findFirst().orElseThrow();
    assertThat(row.child(4).text()).isEqualTo(evil);
    assertThat(row.child(3).text()).isEqualTo("<img src=x onerror=alert(2)>");
    assertThat(row.child(2).text()).isEqualTo(f.purl() + "?a=1&b=\"2\"");
    assertThat(doc.select(".meta code").eachText()).contains("<b>baseline</b>.yaml", "\"><svg onload=x>");
  }

  @Test
  void infoRulesReportTheirFindingsWithoutFailingAndTheCountsTableSaysSo() throws IOException {
    var baseline = BaselineLoader.parse("info.yaml", """
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
          - class: vuln.medium
            level: info
        """);
    ScanResult scan = DemoReport.scan();
    GateReport report = DemoReport.report(baseline, scan, GateFindings.of(scan), null);
    Document doc = parse(render(report));
    assertThat(doc.selectFirst("tr[data-rule=vuln.medium]").child(2).text()).isEqualTo("reported");
    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-kev]").child(2).text()).isEqualTo("failed");
    // 2 failing (the KEV pair), the other 60 MEDIUM-or-worse findings only reported by the info rule
    assertThat(doc.selectFirst("tr[data-total=failing] td").text()).isEqualTo("2");
    assertThat(doc.selectFirst("tr[data-total=info-only] td").text()).isEqualTo("60");
    assertThat(doc.selectFirst("tr[data-total=evaluated] td").text()).isEqualTo("62");
    assertThat(doc.select("#findings-table tbody tr")).hasSize(2);
    assertThat(doc.selectFirst("#score-total").text()).isEqualTo(Integer.toString(report.result().score().value()));
  }

  @Test
  void waiversShowOwnerTicketAndExpiry() throws IOException {
    var baseline = BaselineLoader.parse("waivers.yaml", """
        version: 1
        rules:
          - class: vuln.fixable-kev
            level: must-pass
        waivers:
          - id: CVE-2021-44228
            purl: pkg:maven/org.apache.logging.log4j/log4j-core
            owner: team-payments
            reason: formatMsgNoLookups set
            ticket: SEC-1
            expires: 2026-11-29
            review-by: 2026-12-20
          - id: CVE-2021-45046
            owner: team-payments
            reason: JndiLookup class removed
            expires: 2026-11-28
          - purl: pkg:npm/lodash@4.17.15
            owner: web <ops>
            reason: server side only
            ticket: WEB-9
            expires: 2027-06-01
        """);
    ScanResult scan = DemoReport.scan();
    Document doc = parse(render(DemoReport.report(baseline, scan, GateFindings.of(scan), null)));

    List<Element> expired = doc.select("table#waivers-expired tbody tr");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).child(0).text()).isEqualTo("id CVE-2021-45046");
    assertThat(expired.get(0).child(1).text()).isEqualTo("team-payments");
    assertThat(expired.get(0).child(3).text()).isEqualTo("2026-11-28");

    List<Element> due = doc.select("table#waivers-due tbody tr");
    assertThat(due).hasSize(1);
    assertThat(due.get(0).child(0).text())
        .isEqualTo("id CVE-2021-44228, purl pkg:maven/org.apache.logging.log4j/log4j-core");
    assertThat(due.get(0).child(2).text()).isEqualTo("SEC-1");
    assertThat(due.get(0).child(3).text()).isEqualTo("2026-11-29");
    assertThat(due.get(0).child(4).text()).isEqualTo("2026-12-20");

    List<Element> unused = doc.select("table#waivers-unused tbody tr");
    assertThat(unused).hasSize(1);
    assertThat(unused.get(0).child(1).text()).isEqualTo("web <ops>");
    assertThat(unused.get(0).child(2).text()).isEqualTo("WEB-9");
    assertThat(unused.get(0).child(3).text()).isEqualTo("2027-06-01");

    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-kev]").child(3).text()).isEqualTo("1");
    assertThat(doc.selectFirst("tr[data-rule=vuln.fixable-kev]").child(4).text()).isEqualTo("1");
  }

  @Test
  void driftSectionCountsPackagesAndListsConfigChanges() throws IOException {
    DriftReport.PackageChange ssl = new DriftReport.PackageChange(Ecosystem.DEB, "debian", "libssl3",
        "var/lib/dpkg/status", "3.0.11-1~deb12u2", "3.0.13-1~deb12u1", "pkg:deb/debian/libssl3@3.0.13-1~deb12u1");
    DriftReport.PackageChange jdk = new DriftReport.PackageChange(Ecosystem.DEB, "debian", "openjdk-17-jre",
        "var/lib/dpkg/status", null, "17.0.12+7-1~deb12u1", "pkg:deb/debian/openjdk-17-jre@17.0.12+7-1~deb12u1");
    DriftReport.PackageChange jdkHeadless = new DriftReport.PackageChange(Ecosystem.DEB, "debian",
        "openjdk-17-jre-headless", "var/lib/dpkg/status", null, "17.0.12+7-1~deb12u1",
        "pkg:deb/debian/openjdk-17-jre-headless@17.0.12+7-1~deb12u1");
    DriftReport.ConfigDrift config = new DriftReport.ConfigDrift(new DriftReport.UserChange("app", "root", true),
        List.of("8080/tcp"), List.of(), List.of("JAVA_HOME"), List.of(), false, List.of(), List.of(), false,
        List.of(), List.of(), false, false, Map.of("org.opencontainers.image.version", "1.5.0<x>"), List.of(),
        List.of());
    DriftReport drift = new DriftReport("registry/app:1.4.0", "registry/app:1.5.0", List.of(jdk, jdkHeadless),
        List.of(), List.of(ssl), List.of(), List.of(), List.of(), List.of(), config, List.of(),
        new DriftReport.LayerDrift(1, 2, 100, 200, List.of()));
    ScanResult scan = DemoReport.scan();
    Document doc = parse(render(DemoReport.report(BaselineLoader.defaults(), scan, GateFindings.of(scan), drift)));

    assertThat(doc.selectFirst("#drift .meta").text()).isEqualTo("registry/app:1.4.0 → registry/app:1.5.0");
    assertThat(doc.selectFirst("tr[data-drift=added] td").text()).isEqualTo("2");
    assertThat(doc.selectFirst("tr[data-drift=removed] td").text()).isEqualTo("0");
    assertThat(doc.selectFirst("tr[data-drift=upgraded] td").text()).isEqualTo("1");
    assertThat(doc.selectFirst("tr[data-drift=downgraded] td").text()).isEqualTo("0");
    assertThat(doc.select("#drift-config li").eachText()).containsExactly("user app -> root (now root)",
        "port exposed: 8080/tcp", "environment variable added: JAVA_HOME",
        "label added: org.opencontainers.image.version=1.5.0<x>");
    assertNoExternalReferences(doc);
  }

  private static void assertNoExternalReferences(Document doc) {
    for (Element e : doc.select("[src], [href], [xlink:href], [srcset], [action], [poster], [data]")) {
      for (String attr : List.of("src", "href", "xlink:href", "srcset", "action", "poster", "data")) {
        assertThat(e.attr(attr)).as(e.tagName() + " " + attr).isEmpty();
      }
    }
    assertThat(doc.select("link, script, iframe, object, embed, img")).isEmpty();
    assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
  }
}
