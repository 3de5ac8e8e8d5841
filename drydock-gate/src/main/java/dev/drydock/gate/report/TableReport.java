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
import java.util.ArrayList;
import java.util.List;

/** Plain text for terminals: the Markdown report's content in aligned columns. */
public final class TableReport {
  private TableReport() {}

  public static void render(GateReport report, OutputStream out) throws IOException {
    out.write(text(report).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String text(GateReport report) {
    GateResult r = report.result();
    StringBuilder sb = new StringBuilder();
    sb.append("Gate: ").append(r.decision()).append("  score ").append(r.score().value()).append(" grade ")
        .append(r.score().grade().label()).append('\n');
    sb.append("Baseline: ").append(report.baseline()).append('\n');
    if (!report.targets().isEmpty()) {
      sb.append("Targets: ").append(String.join(", ", report.targets())).append('\n');
    }
    if (r.tier() != null || r.exposure() != null) {
      sb.append("Tier: ").append(r.tier() == null ? "-" : r.tier()).append("  exposure: ")
          .append(r.exposure() == null ? "-" : r.exposure()).append('\n');
    }
    sb.append(ReportData.findingsLine(r.counts())).append('\n');
    sb.append(ReportData.severityLine(r.counts())).append('\n');
    sb.append(ReportData.rulesLine(r.counts())).append('\n');
    sb.append(ReportData.scoreLine(r.score())).append('\n');
    r.reasons().forEach(x -> sb.append("  - ").append(x).append('\n'));
    List<RuleResult> failing = ReportData.failingRules(r);
    if (!failing.isEmpty()) {
      sb.append("\nFailing rules:\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"RULE", "LEVEL", "FINDINGS"});
      failing.forEach(x -> rows.add(new String[] {x.ruleId(), x.level().label(), Integer.toString(x.failing().size())}));
      columns(sb, rows);
    }
    List<GateFinding> top = ReportData.failingFindings(r);
    if (!top.isEmpty()) {
      int shown = Math.min(ReportData.TOP, top.size());
      sb.append("\nTop findings (").append(shown).append(" of ").append(top.size()).append("):\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "SEVERITY", "PACKAGE", "FIXED IN"});
      top.subList(0, shown).forEach(f -> rows.add(new String[] {f.id() + (f.kev() ? " (KEV)" : ""),
          f.severity().name(), ReportData.pkg(f), ReportData.fix(f)}));
      columns(sb, rows);
    }
    waivers(sb, "Expired waivers", r.expiredWaivers());
    waivers(sb, "Waivers due for review", r.dueForReview());
    if (report.drift() != null) {
      sb.append('\n').append(DriftText.table(report.drift()));
    }
    return sb.toString();
  }

  private static void waivers(StringBuilder sb, String title, List<Waiver> ws) {
    if (!ws.isEmpty()) {
      sb.append('\n').append(title).append(":\n");
      ws.forEach(w -> sb.append("  ").append(ReportData.waiverLine(w)).append('\n'));
    }
  }

  /** Rows with every column padded to its widest cell, two spaces apart, no trailing blanks. */
  static void columns(StringBuilder sb, List<String[]> rows) {
    int n = rows.stream().mapToInt(x -> x.length).max().orElse(0);
    int[] width = new int[n];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
