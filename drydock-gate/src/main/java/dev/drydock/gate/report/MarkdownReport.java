package dev.drydock.gate.report;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.drift.DriftText;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A merge-request comment: decision, score, failing rules, the worst findings, waivers to look at, drift. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void render(GateReport report, OutputStream out) throws IOException {
    out.write(text(report).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String text(GateReport report) {
    GateResult r = report.result();
    StringBuilder sb = new StringBuilder();
    sb.append("## drydock gate: ").append(r.decision()).append("\n\n");
    sb.append("**Score ").append(r.score().value()).append(" (grade ").append(r.score().grade().label())
        .append(")** · baseline `").append(md(report.baseline())).append('`');
    if (!report.targets().isEmpty()) {
      sb.append(" · ").append(String.join(", ", report.targets().stream().map(t -> "`" + md(t) + "`").toList()));
    }
    if (r.tier() != null) {
      sb.append(" · tier ").append(r.tier());
    }
    if (r.exposure() != null) {
      sb.append(" · exposure ").append(r.exposure());
    }
    sb.append('\n');
    if (!r.reasons().isEmpty()) {
      sb.append('\n');
      r.reasons().forEach(x -> sb.append("- ").append(md(x)).append('\n'));
    }
    sb.append("\n### Counts\n\n");
    for (String line : List.of(ReportData.findingsLine(r.counts()), ReportData.severityLine(r.counts()),
        ReportData.rulesLine(r.counts()), ReportData.scoreLine(r.score()))) {
      sb.append("- ").append(md(line)).append('\n');
    }
    List<RuleResult> failing = ReportData.failingRules(r);
    if (!failing.isEmpty()) {
      sb.append("\n### Failing rules\n\n| Rule | Level | Findings |\n|---|---|---|\n");
      for (RuleResult x : failing) {
        sb.append("| `").append(md(x.ruleId())).append("` | ").append(x.level().label()).append(" | ")
            .append(x.failing().size()).append(" |\n");
      }
    }
    List<GateFinding> top = ReportData.failingFindings(r);
    if (!top.isEmpty()) {
      int shown = Math.min(ReportData.TOP, top.size());
      sb.append("\n### Top findings (").append(shown).append(" of ").append(top.size()).append(")\n\n");
      sb.append("| Id | Severity | Package | Fixed in |\n|---|---|---|---|\n");
      for (GateFinding f : top.subList(0, shown)) {
        sb.append("| ").append(md(f.id())).append(f.kev() ? " (KEV)" : "").append(" | ").append(f.severity())
            .append(" | `").append(md(ReportData.pkg(f))).append("` | ").append(ReportData.fix(f)).append(" |\n");
      }
    }
    waivers(sb, "Expired waivers", r.expiredWaivers());
    waivers(sb, "Waivers due for review", r.dueForReview());
    if (report.drift() != null) {
      sb.append('\n').append(DriftText.markdown(report.drift()));
    }
    return sb.toString();
  }

  private static void waivers(StringBuilder sb, String title, List<Waiver> ws) {
    if (ws.isEmpty()) {
      return;
    }
    sb.append("\n### ").append(title).append("\n\n");
    ws.forEach(w -> sb.append("- ").append(md(ReportData.waiverLine(w))).append('\n'));
  }

  static String md(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
