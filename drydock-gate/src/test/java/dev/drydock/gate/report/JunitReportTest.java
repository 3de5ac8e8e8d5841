package dev.drydock.gate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.eval.RuleResult;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

class JunitReportTest {

  private static List<String> validate(String xml) throws Exception {
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var schema = sf.newSchema(JunitReportTest.class.getResource("/report/jenkins-junit-10.xsd"));
    Validator v = schema.newValidator();
    List<String> errors = new ArrayList<>();
    v.setErrorHandler(new ErrorHandler() {
      @Override public void warning(SAXParseException e) {}
      @Override public void error(SAXParseException e) {
        errors.add(e.getLineNumber() + ": " + e.getMessage());
      }
      @Override public void fatalError(SAXParseException e) {
        errors.add(e.getLineNumber() + ": " + e.getMessage());
      }
    });
    v.validate(new StreamSource(new StringReader(xml)));
    return errors;
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Element> casesByRule(Document d) {
    Map<String, Element> out = new HashMap<>();
    NodeList cases = d.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      out.put(e.getAttribute("name").split(":", 2)[0], e);
    }
    return out;
  }

  private static Element child(Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  @Test
  void defaultBaselineReportIsValidAndCountsRules() throws Exception {
    GateReport report = DemoReports.defaults();
    String xml = DemoReports.render("junit", report);
    assertThat(validate(xml)).isEmpty();
    Document d = parse(xml);
    Element suite = d.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("drydock gate");
    // default baseline: 14 rules; the 2 must-pass data rules pass (the saved demo result records no advisory
    // data); the 4 vulnerability rules fail on the demo's vulnerabilities (2 must-pass, 2 may-fail); the secret,
    // misconfiguration and web rules pass (this fixture holds vulnerabilities only)
    assertThat(suite.getAttribute("tests")).isEqualTo("14");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    assertThat(suite.getAttribute("skipped")).isEqualTo("2");
    assertThat(suite.getAttribute("timestamp")).isEqualTo(DemoReports.CREATED);
    Map<String, String> props = new HashMap<>();
    NodeList ps = d.getElementsByTagName("property");
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      props.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    assertThat(props).containsEntry("decision", "FAIL")
        .containsEntry("score", Integer.toString(report.result().score().value()))
        .containsEntry("grade", report.result().score().grade().label());

    Map<String, Element> cases = casesByRule(d);
    Element kev = cases.get("vuln.fixable-kev");
    assertThat(kev.getAttribute("classname")).isEqualTo("drydock.baseline");
    Element failure = child(kev, "failure");
    assertThat(failure.getAttribute("type")).isEqualTo("must-pass");
    assertThat(failure.getAttribute("message")).isEqualTo("2 findings");
    assertThat(failure.getTextContent().strip().lines().toList()).containsExactly(
        "CVE-2021-44228 CRITICAL pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
            + " at app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"
            + " layer sha256:0134aff825b9fc73880e94a9110abc86fd0c1b55715452bc9b10e378c714e458",
        "CVE-2021-45046 CRITICAL pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
            + " at app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"
            + " layer sha256:0134aff825b9fc73880e94a9110abc86fd0c1b55715452bc9b10e378c714e458");

    Element any = cases.get("vuln.any");
    assertThat(child(any, "failure")).isNull();
    assertThat(child(any, "skipped").getAttribute("message")).isEqualTo("may-fail: 62 findings");
    assertThat(child(any, "system-out").getTextContent().strip().lines()).hasSize(62)
        .allMatch(l -> l.startsWith("failing: "));
  }

  @Test
  void waivedFindingsInfoRulesAndMayFailRules() throws Exception {
    GateReport report = DemoReports.waived(null);
    String xml = DemoReports.render("junit", report);
    assertThat(validate(xml)).isEmpty();
    Map<String, Element> cases = casesByRule(parse(xml));
    assertThat(cases).hasSize(4);

    Element kev = cases.get("vuln.fixable-kev");
    assertThat(kev.getAttribute("name"))
        .isEqualTo("vuln.fixable-kev: No known exploited vulnerability with a fix");
    assertThat(child(kev, "failure").getAttribute("message")).isEqualTo("1 finding");
    assertThat(child(kev, "failure").getTextContent()).contains("CVE-2021-45046").doesNotContain("CVE-2021-44228");
    assertThat(child(kev, "system-out").getTextContent()).contains(
        "waived: CVE-2021-44228 CRITICAL pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "(owner team-payments, ticket SEC-1234, expires 2027-01-31)");

    RuleResult medium = DemoReports.rule(report, "vuln.medium");
    assertThat(medium.level()).isEqualTo(Level.INFO);
    Element info = cases.get("vuln.medium");
    assertThat(child(info, "failure")).isNull();
    assertThat(child(info, "skipped")).isNull();
    List<String> infoLines = child(info, "system-out").getTextContent().strip().lines().toList();
    assertThat(infoLines.stream().filter(l -> l.startsWith("info: "))).hasSize(medium.failing().size());
    assertThat(medium.failing().size()).isGreaterThan(40);

    Element high = cases.get("vuln.high");
    assertThat(child(high, "failure")).isNull();
    assertThat(child(high, "skipped").getAttribute("message"))
        .isEqualTo("may-fail: " + DemoReports.rule(report, "vuln.high").failing().size() + " findings");
  }
}
