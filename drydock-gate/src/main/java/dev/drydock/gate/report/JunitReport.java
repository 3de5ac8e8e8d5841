package dev.drydock.gate.report;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.eval.Counts;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Ant/Jenkins form GitLab and Jenkins read): one test case per baseline rule. A failing
 * must-pass rule is a failure; a failing may-fail rule is skipped (so it does not fail the CI job) with its
 * findings in system-out; info rules pass, their findings in system-out. The suite's properties carry the
 * score and the {@link Counts} of distinct findings ({@code findings.failing}, ...), which no sum over test
 * cases gives: a finding failing two rules is in two test cases.
 */
public final class JunitReport {
  static final String SUITE = "drydock gate";
  static final String CLASSNAME = "drydock.baseline";

  private JunitReport() {}

  public static void render(GateReport report, OutputStream out) throws IOException {
    GateResult r = report.result();
    List<RuleResult> rules = r.rules();
    Counts c = r.counts();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuite");
      w.writeAttribute("name", SUITE);
      w.writeAttribute("tests", Integer.toString(c.rulesEvaluated()));
      w.writeAttribute("failures", Integer.toString(c.mustPassRulesFailed()));
      w.writeAttribute("errors", "0");
      w.writeAttribute("skipped", Integer.toString(c.mayFailRulesFailed()));
      w.writeAttribute("time", "0");
      if (report.createdAt() != null) {
        w.writeAttribute("timestamp", report.createdAt());
      }
      w.writeCharacters("\n  ");
      w.writeStartElement("properties");
      property(w, "score", Integer.toString(r.score().value()));
      property(w, "grade", r.score().grade().label());
      property(w, "decision", r.decision().name());
      property(w, "baseline", report.baseline());
      if (r.tier() != null) {
        property(w, "tier", r.tier());
      }
      if (r.exposure() != null) {
        property(w, "exposure", r.exposure());
      }
      property(w, "findings.failing", Integer.toString(c.failing()));
      property(w, "findings.failing.must-pass", Integer.toString(c.failingMustPass()));
      property(w, "findings.failing.kev", Integer.toString(c.failingKev()));
      property(w, "findings.waived", Integer.toString(c.waived()));
      property(w, "findings.info-only", Integer.toString(c.infoOnly()));
      property(w, "findings.unselected", Integer.toString(c.unselected()));
      property(w, "findings.evaluated", Integer.toString(c.evaluated()));
      for (var e : c.failingBySeverity().entrySet()) {
        property(w, "findings.failing." + e.getKey().name().toLowerCase(java.util.Locale.ROOT),
            Integer.toString(e.getValue()));
      }
      w.writeCharacters("\n  ");
      w.writeEndElement();
      for (RuleResult rule : rules) {
        testcase(w, r, rule);
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
    }
    out.flush();
  }

  private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeCharacters("\n    ");
    w.writeEmptyElement("property");
    w.writeAttribute("name", name);
    w.writeAttribute("value", value == null ? "" : value);
  }

  private static void testcase(XMLStreamWriter w, GateResult r, RuleResult rule) throws XMLStreamException {
    w.writeCharacters("\n  ");
    w.writeStartElement("testcase");
    w.writeAttribute("classname", CLASSNAME);
    w.writeAttribute("name", rule.description() == null ? rule.ruleId() : rule.ruleId() + ": " + rule.description());
    w.writeAttribute("time", "0");
    int n = rule.failing().size();
    List<String> out = new ArrayList<>();
    if (rule.level() == Level.MUST_PASS && n > 0) {
      w.writeCharacters("\n    ");
      w.writeStartElement("failure");
      w.writeAttribute("message", n + (n == 1 ? " finding" : " findings"));
      w.writeAttribute("type", Level.MUST_PASS.label());
      w.writeCharacters(lines(rule.failing()));
      w.writeEndElement();
    } else if (rule.level() == Level.MAY_FAIL && n > 0) {
      w.writeCharacters("\n    ");
      w.writeEmptyElement("skipped");
      w.writeAttribute("message", Level.MAY_FAIL.label() + ": " + n + (n == 1 ? " finding" : " findings"));
      rule.failing().forEach(f -> out.add("failing: " + ReportData.findingLine(f)));
    } else {
      rule.failing().forEach(f -> out.add(rule.level().label() + ": " + ReportData.findingLine(f)));
    }
    rule.waived().forEach(f -> out.add(ReportData.waivedLine(r, rule.ruleId(), f)));
    if (!out.isEmpty()) {
      w.writeCharacters("\n    ");
      w.writeStartElement("system-out");
      w.writeCharacters("\n" + String.join("\n", out) + "\n");
      w.writeEndElement();
    }
    w.writeCharacters("\n  ");
    w.writeEndElement();
  }

  private static String lines(List<GateFinding> fs) {
    StringBuilder sb = new StringBuilder("\n");
    fs.forEach(f -> sb.append(ReportData.findingLine(f)).append('\n'));
    return sb.toString();
  }
}
