package dev.drydock.gate.report;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.eval.Counts;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.gate.score.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the text formats share: counts, failing rules, the worst findings, waiver lookups, finding lines. */
final class ReportData {
  static final int TOP = 20;

  private ReportData() {}

  /** Must-pass and may-fail rules with failing findings, in baseline order (info rules never fail). */
  static List<RuleResult> failingRules(GateResult r) {
    return r.rules().stream()
        .filter(x -> (x.level() == Level.MUST_PASS || x.level() == Level.MAY_FAIL) && !x.failing().isEmpty())
        .toList();
  }

  /**
   * The distinct failing findings, worst first: {@link GateResult#failingFindings()}, counted by
   * {@link Counts} (docs/baseline.md, "Counting findings"). Every format lists these.
   */
  static List<GateFinding> failingFindings(GateResult r) {
    return r.failingFindings();
  }

  /**
   * {@code Findings: 62 failing (15 must-pass, 2 in CISA KEV), 1 waived, 0 info only, 0 selected by no rule,
   * 63 evaluated}: the counts of every format (table, Markdown), parsed back by the cross-format test.
   */
  static String findingsLine(Counts c) {
    return "Findings: " + c.failing() + " failing (" + c.failingMustPass() + " must-pass, " + c.failingKev()
        + " in CISA KEV), " + c.waived() + " waived, " + c.infoOnly() + " info only, " + c.unselected()
        + " selected by no rule, " + c.evaluated() + " evaluated";
  }

  /** {@code Failing by severity: CRITICAL 15, HIGH 42, MEDIUM 5} (severities with none left out). */
  static String severityLine(Counts c) {
    List<String> parts = new ArrayList<>();
    c.failingBySeverity().forEach((s, n) -> {
      if (n > 0) {
        parts.add(s + " " + n);
      }
    });
    return "Failing by severity: " + (parts.isEmpty() ? "none" : String.join(", ", parts));
  }

  /** {@code Rules: 4 evaluated, 2 must-pass failed, 2 may-fail failed}. */
  static String rulesLine(Counts c) {
    return "Rules: " + c.rulesEvaluated() + " evaluated, " + c.mustPassRulesFailed() + " must-pass failed, "
        + c.mayFailRulesFailed() + " may-fail failed";
  }

  /**
   * {@code Score: 100 - 50 must-pass rule failed (x2) - 20 failing finding in CISA KEV (x1) = 30}: how the
   * score adds up (docs/baseline.md, "Score and grade").
   */
  static String scoreLine(Score s) {
    StringBuilder sb = new StringBuilder("Score: 100");
    for (Score.Modifier m : s.modifiers()) {
      sb.append(m.points() < 0 ? " - " : " + ").append(Math.abs(m.points())).append(' ').append(m.name());
      if (m.count() > 1) {
        sb.append(" (x").append(m.count()).append(')');
      }
    }
    return sb.append(" = ").append(s.value()).append(" (grade ").append(s.grade().label()).append(')').toString();
  }

  /** The waiver that accepted {@code f} in {@code ruleId}, if the result names it (due for review). */
  static Optional<Waiver> waiverFor(GateResult r, String ruleId, GateFinding f) {
    return r.appliedWaivers().stream().filter(w -> w.selects(f, ruleId)).findFirst();
  }

  /** One line: id, severity, purl, location, layer. */
  static String findingLine(GateFinding f) {
    StringBuilder sb = new StringBuilder(f.id()).append(' ').append(f.severity());
    if (f.purl() != null) {
      sb.append(' ').append(f.purl());
    }
    if (f.location() != null) {
      sb.append(" at ").append(f.location());
    }
    if (f.layerDiffId() != null) {
      sb.append(" layer ").append(f.layerDiffId());
    }
    return sb.toString();
  }

  /** One line for a waiver: selectors, owner, ticket, expiry. */
  static String waiverLine(Waiver w) {
    StringBuilder sb = new StringBuilder();
    if (w.id() != null) {
      sb.append(w.id()).append(' ');
    }
    if (w.purl() != null) {
      sb.append(w.purl()).append(' ');
    }
    if (w.path() != null) {
      sb.append(w.path()).append(' ');
    }
    if (w.rule() != null) {
      sb.append("rule ").append(w.rule()).append(' ');
    }
    sb.append("owner ").append(w.owner());
    if (w.ticket() != null) {
      sb.append(" ticket ").append(w.ticket());
    }
    sb.append(" expires ").append(w.expires());
    if (w.reviewBy() != null) {
      sb.append(" review-by ").append(w.reviewBy());
    }
    return sb.toString();
  }

  /** The waived line of a finding in a rule, with the waiver's owner/ticket/expiry when known. */
  static String waivedLine(GateResult r, String ruleId, GateFinding f) {
    return "waived: " + findingLine(f) + waiverFor(r, ruleId, f)
        .map(w -> " (owner " + w.owner() + (w.ticket() == null ? "" : ", ticket " + w.ticket()) + ", expires "
            + w.expires() + ")")
        .orElse("");
  }

  static String fix(GateFinding f) {
    if ("data".equals(f.kind())) {
      return "db update or db import"; // the remedy is fresher or wider advisory data, not a package fix
    }
    if (!f.fixedVersions().isEmpty()) {
      return String.join(", ", f.fixedVersions());
    }
    return f.fixable() ? "fix available" : "no fix";
  }

  static String pkg(GateFinding f) {
    return f.purl() == null ? (f.location() == null ? "-" : f.location()) : f.purl();
  }
}
