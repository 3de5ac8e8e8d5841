package dev.drydock.gate.report.html;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.Counts;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A gate report as one self-contained HTML5 page: inline CSS and SVG, no script, no external resource.
 * Every value from the report is HTML-escaped.
 */
public final class HtmlReport {
  /** Severities as the chart shows them, worst first. */
  static final List<Severity> CHART_ORDER = Counts.SEVERITY_ORDER;
  static final int CHART_HEIGHT = 160;

  private HtmlReport() {}

  /** Writes {@code report} to {@code out} as UTF-8 HTML; does not close {@code out}. */
  public static void render(GateReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(html(report));
    w.flush();
  }

  /** The page as a string. */
  static String html(GateReport report) {
    GateResult r = report.result();
    StringBuilder b = new StringBuilder(32_768);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>drydock gate: ").append(r.decision()).append("</title>\n<style>\n").append(css())
        .append("</style>\n</head>\n<body>\n");
    header(b, report);
    reasons(b, r);
    counts(b, r.counts());
    chart(b, r.counts());
    rules(b, r);
    layers(b, report.findingsByLayer(), r.counts());
    findings(b, r.failingFindings());
    waivers(b, r);
    if (report.drift() != null) {
      drift(b, report.drift());
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, GateReport report) {
    GateResult r = report.result();
    b.append("<header>\n<div id=\"decision\" class=\"decision decision-").append(r.decision()).append("\">")
        .append(r.decision()).append("</div>\n<div><h1>drydock security gate</h1>\n")
        .append("<div class=\"score\">Score <span id=\"score\">").append(r.score().value())
        .append("</span><span id=\"grade\" class=\"grade\">").append(Html.esc(r.score().grade().label()))
        .append("</span></div>\n<div class=\"meta\">Baseline <code>").append(Html.esc(report.baseline()))
        .append("</code>");
    if (r.tier() != null) {
      b.append(" &middot; tier ").append(Html.esc(r.tier()));
    }
    if (r.exposure() != null) {
      b.append(" &middot; exposure ").append(Html.esc(r.exposure()));
    }
    b.append(" &middot; ").append(Html.esc(report.createdAt())).append("</div>\n<div class=\"meta\">Targets: ");
    for (int i = 0; i < report.targets().size(); i++) {
      b.append(i == 0 ? "" : ", ").append("<code>").append(Html.esc(report.targets().get(i))).append("</code>");
    }
    b.append("</div>\n</div>\n</header>\n");
  }

  private static void reasons(StringBuilder b, GateResult r) {
    if (r.reasons().isEmpty() && r.score().modifiers().isEmpty()) {
      return;
    }
    b.append("<section id=\"reasons\">\n<h2>Why</h2>\n<ul class=\"reasons\">\n");
    for (String reason : r.reasons()) {
      b.append("<li>").append(Html.esc(reason)).append("</li>\n");
    }
    b.append("</ul>\n");
    if (!r.score().modifiers().isEmpty()) {
      b.append("<table id=\"score-modifiers\">\n<thead><tr><th>Score modifier</th><th class=\"num\">Count</th>")
          .append("<th class=\"num\">Points</th></tr></thead>\n<tbody>\n");
      for (var m : r.score().modifiers()) {
        b.append("<tr><td>").append(Html.esc(m.name())).append("</td><td class=\"num\">").append(m.count())
            .append("</td><td class=\"num\">").append(m.points() > 0 ? "+" : "").append(m.points())
            .append("</td></tr>\n");
      }
      b.append("</tbody>\n<tfoot><tr><th>Score: 100 plus the points</th><td></td><td class=\"num\" ")
          .append("id=\"score-total\">").append(r.score().value()).append("</td></tr></tfoot>\n</table>\n");
    }
    b.append("</section>\n");
  }

  private static void chart(StringBuilder b, Counts c) {
    Map<Severity, Integer> counts = c.failingBySeverity();
    int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int barWidth = 60;
    int gap = 30;
    int top = 20;
    int width = CHART_ORDER.size() * (barWidth + gap) + gap;
    int height = CHART_HEIGHT + top + 30;
    b.append("<section id=\"severities\">\n<h2>Failing findings by severity</h2>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" aria-label=\"failing findings by severity\">\n");
    int x = gap;
    for (Severity s : CHART_ORDER) {
      int n = counts.get(s);
      int h = max == 0 ? 0 : Math.round((float) n * CHART_HEIGHT / max);
      int y = top + CHART_HEIGHT - h;
      b.append("<rect class=\"severity-bar sev-").append(s).append("\" data-severity=\"").append(s)
          .append("\" data-count=\"").append(n).append("\" x=\"").append(x).append("\" y=\"").append(y)
          .append("\" width=\"").append(barWidth).append("\" height=\"").append(h).append("\"><title>").append(s)
          .append(": ").append(n).append("</title></rect>\n");
      b.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(y - 4)
          .append("\" text-anchor=\"middle\">").append(n).append("</text>\n");
      b.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(top + CHART_HEIGHT + 18)
          .append("\" text-anchor=\"middle\">").append(s).append("</text>\n");
      x += barWidth + gap;
    }
    b.append("</svg>\n</section>\n");
  }

  /** The {@link Counts} every format shows, one row each, keyed by {@code data-total}. */
  private static void counts(StringBuilder b, Counts c) {
    b.append("<section id=\"counts\">\n<h2>Findings</h2>\n<table id=\"counts-table\">\n<tbody>\n");
    count(b, "total", "failing", "Failing (fail a must-pass or may-fail rule)", c.failing());
    count(b, "total", "failing-must-pass", "of which fail a must-pass rule", c.failingMustPass());
    count(b, "total", "failing-kev", "of which in CISA KEV", c.failingKev());
    count(b, "total", "waived", "Waived (and failing no rule)", c.waived());
    count(b, "total", "info-only", "Selected by info rules only", c.infoOnly());
    count(b, "total", "unselected", "Selected by no rule", c.unselected());
    count(b, "total", "evaluated", "Evaluated", c.evaluated());
    count(b, "total", "rules-evaluated", "Rules evaluated", c.rulesEvaluated());
    count(b, "total", "must-pass-rules-failed", "Must-pass rules failed", c.mustPassRulesFailed());
    count(b, "total", "may-fail-rules-failed", "May-fail rules failed", c.mayFailRulesFailed());
    b.append("</tbody>\n</table>\n</section>\n");
  }

  private static void rules(StringBuilder b, GateResult r) {
    b.append("<section id=\"rules\">\n<h2>Rules</h2>\n<table id=\"rules-table\">\n<thead><tr><th>Rule</th>")
        .append("<th>Level</th><th>Result</th><th class=\"num\">Findings</th><th class=\"num\">Waived</th>")
        .append("<th>Description</th></tr></thead>\n<tbody>\n");
    for (RuleResult rule : r.rules()) {
      b.append("<tr data-rule=\"").append(Html.esc(rule.ruleId())).append("\"><td><code>")
          .append(Html.esc(rule.ruleId())).append("</code></td><td>").append(level(rule.level())).append("</td><td class=\"")
          .append(outcome(rule)).append("</td><td class=\"num\">")
          .append(rule.failing().size()).append("</td><td class=\"num\">").append(rule.waived().size())
          .append("</td><td>").append(Html.esc(rule.description())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  /** {@code passed}, {@code failed}, or {@code reported} for an info rule with findings (it fails nothing). */
  private static String outcome(RuleResult rule) {
    if (rule.passed()) {
      return "passed\">passed";
    }
    return rule.level() == Level.INFO ? "reported\">reported" : "failed\">failed";
  }

  private static String level(Level level) {
    return Html.esc(level.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
  }

  private static void layers(StringBuilder b, List<GateReport.LayerCount> layers, Counts c) {
    b.append("<section id=\"layers\">\n<h2>Failing findings by layer</h2>\n");
    if (layers.isEmpty()) {
      b.append("<p class=\"empty\">No layer information.</p>\n</section>\n");
      return;
    }
    b.append("<table id=\"layers-table\">\n<thead><tr><th class=\"num\">Layer</th><th>DiffID</th>")
        .append("<th>Created by</th><th class=\"num\">Findings</th></tr></thead>\n<tbody>\n");
    for (GateReport.LayerCount l : layers) {
      b.append("<tr><td class=\"num\">").append(l.index()).append("</td><td><code title=\"").append(Html.esc(l.diffId()))
          .append("\">").append(Html.esc(shortDiffId(l.diffId()))).append("</code></td><td><code>")
          .append(Html.esc(l.createdBy())).append("</code></td><td class=\"num\">").append(l.findings())
          .append("</td></tr>\n");
    }
    int elsewhere = c.failing() - layers.stream().mapToInt(GateReport.LayerCount::findings).sum();
    if (elsewhere > 0) {
      b.append("<tr id=\"layers-none\"><td class=\"num\"></td><td colspan=\"2\">in no layer listed here (image ")
          .append("config, other targets)</td><td class=\"num\">").append(elsewhere).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  /** {@code sha256:0134aff825b9} for a full diffID. */
  static String shortDiffId(String diffId) {
    if (diffId == null) {
      return "";
    }
    int colon = diffId.indexOf(':');
    int end = Math.min(diffId.length(), colon + 1 + 12);
    return diffId.substring(0, end);
  }

  private static void findings(StringBuilder b, List<GateFinding> failing) {
    b.append("<section id=\"findings\">\n<h2>Failing findings (").append(failing.size()).append(")</h2>\n");
    if (failing.isEmpty()) {
      b.append("<p class=\"empty\">No finding fails a rule.</p>\n</section>\n");
      return;
    }
    b.append("<table id=\"findings-table\">\n<thead><tr><th>ID</th><th>Severity</th><th>Package</th>")
        .append("<th>Location</th><th>Title</th></tr></thead>\n<tbody>\n");
    for (GateFinding f : failing) {
      Severity s = f.severity() == null ? Severity.UNKNOWN : f.severity();
      b.append("<tr><td><code>").append(Html.esc(f.id())).append("</code>").append(f.kev() ? " (KEV)" : "")
          .append("</td><td class=\"sev-").append(s).append("\">").append(s).append("</td><td><code>")
          .append(Html.esc(f.purl())).append("</code></td><td><code>").append(Html.esc(f.location()))
          .append("</code></td><td>").append(Html.esc(f.title())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n</section>\n");
  }

  private static void waivers(StringBuilder b, GateResult r) {
    b.append("<section id=\"waivers\">\n<h2>Waivers</h2>\n");
    waiverTable(b, "waivers-expired", "Expired", r.expiredWaivers());
    waiverTable(b, "waivers-due", "Due for review", r.dueForReview());
    waiverTable(b, "waivers-unused", "Unused", r.unusedWaivers());
    b.append("</section>\n");
  }

  private static void waiverTable(StringBuilder b, String id, String title, List<Waiver> waivers) {
    b.append("<h3>").append(title).append(" (").append(waivers.size()).append(")</h3>\n");
    if (waivers.isEmpty()) {
      b.append("<p class=\"empty\" id=\"").append(id).append("\">None.</p>\n");
      return;
    }
    b.append("<table id=\"").append(id).append("\">\n<thead><tr><th>Selects</th><th>Owner</th><th>Ticket</th>")
        .append("<th>Expires</th><th>Review by</th><th>Reason</th><th class=\"num\">Line</th></tr></thead>\n<tbody>\n");
    for (Waiver w : waivers) {
      List<String> sel = new ArrayList<>();
      if (w.id() != null) {
        sel.add("id " + w.id());
      }
      if (w.purl() != null) {
        sel.add("purl " + w.purl());
      }
      if (w.path() != null) {
        sel.add("path " + w.path());
      }
      if (w.rule() != null) {
        sel.add("rule " + w.rule());
      }
      b.append("<tr><td><code>").append(Html.esc(String.join(", ", sel))).append("</code></td><td>")
          .append(Html.esc(w.owner())).append("</td><td>").append(Html.esc(w.ticket())).append("</td><td>")
          .append(Html.esc(w.expires())).append("</td><td>").append(Html.esc(w.reviewBy())).append("</td><td>")
          .append(Html.esc(w.reason())).append("</td><td class=\"num\">").append(w.line()).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static void drift(StringBuilder b, DriftReport d) {
    b.append("<section id=\"drift\">\n<h2>Drift</h2>\n<p class=\"meta\"><code>").append(Html.esc(d.oldTarget()))
        .append("</code> &rarr; <code>").append(Html.esc(d.newTarget())).append("</code></p>\n")
        .append("<table id=\"drift-counts\">\n<tbody>\n");
    count(b, "added", "Packages added", d.packagesAdded().size());
    count(b, "removed", "Packages removed", d.packagesRemoved().size());
    count(b, "upgraded", "Packages upgraded", d.packagesUpgraded().size());
    count(b, "downgraded", "Packages downgraded", d.packagesDowngraded().size());
    count(b, "changed", "Packages changed (unordered)", d.packagesChanged().size());
    count(b, "vulns-introduced", "Vulnerabilities introduced", d.vulnerabilitiesIntroduced().size());
    count(b, "vulns-fixed", "Vulnerabilities fixed", d.vulnerabilitiesFixed().size());
    count(b, "setuid-added", "Setuid/setgid files added", d.setuidAdded().size());
    b.append("</tbody>\n</table>\n<h3>Configuration changes</h3>\n");
    List<String> changes = configChanges(d.config());
    if (changes.isEmpty()) {
      b.append("<p class=\"empty\">None.</p>\n");
    } else {
      b.append("<ul id=\"drift-config\">\n");
      for (String c : changes) {
        b.append("<li>").append(Html.esc(c)).append("</li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("</section>\n");
  }

  private static void count(StringBuilder b, String key, String label, int n) {
    count(b, "drift", key, label, n);
  }

  private static void count(StringBuilder b, String attr, String key, String label, int n) {
    b.append("<tr data-").append(attr).append("=\"").append(key).append("\"><th>").append(label).append("</th><td class=\"num\">")
        .append(n).append("</td></tr>\n");
  }

  /** One line per configuration change; environment variables by key only. */
  static List<String> configChanges(DriftReport.ConfigDrift c) {
    List<String> out = new ArrayList<>();
    if (c == null) {
      return out;
    }
    if (c.user() != null) {
      out.add("user " + show(c.user().oldUser()) + " -> " + show(c.user().newUser())
          + (c.user().becameRoot() ? " (now root)" : ""));
    }
    c.portsAdded().forEach(p -> out.add("port exposed: " + p));
    c.portsRemoved().forEach(p -> out.add("port no longer exposed: " + p));
    c.envKeysAdded().forEach(k -> out.add("environment variable added: " + k));
    c.envKeysRemoved().forEach(k -> out.add("environment variable removed: " + k));
    if (c.entrypointChanged()) {
      out.add("entrypoint " + c.oldEntrypoint() + " -> " + c.newEntrypoint());
    }
    if (c.cmdChanged()) {
      out.add("cmd " + c.oldCmd() + " -> " + c.newCmd());
    }
    if (c.healthcheckAdded()) {
      out.add("healthcheck added");
    }
    if (c.healthcheckRemoved()) {
      out.add("healthcheck removed");
    }
    c.labelsAdded().forEach((k, v) -> out.add("label added: " + k + "=" + v));
    c.labelsRemoved().forEach(k -> out.add("label removed: " + k));
    c.labelsChanged().forEach(l -> out.add("label changed: " + l.key() + " " + l.oldValue() + " -> " + l.newValue()));
    return out;
  }

  private static String show(String user) {
    return user == null || user.isEmpty() ? "(default)" : user;
  }

  private static String css() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
