package dev.drydock.gate.report;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the text formats share: failing rules, the worst findings, waiver lookups, finding lines. */
final class ReportData {
  static final int TOP = 20;

  private ReportData() {}

  /** Must-pass and may-fail rules with failing findings, in baseline order (info rules never fail). */
  static List<RuleResult> failingRules(GateResult r) {
    return r.rules().stream()
        .filter(x -> (x.level() == Level.MUST_PASS || x.level() == Level.MAY_FAIL) && !x.failing().isEmpty())
        .toList();
  }

  /** Distinct failing findings of must-pass and may-fail rules (by id + purl), worst first. */
  static List<GateFinding> failingFindings(GateResult r) {
    Map<String, GateFinding> seen = new LinkedHashMap<>();
    for (RuleResult rule : r.rules()) {
      if (rule.level() == Level.MUST_PASS || rule.level() == Level.MAY_FAIL) {
        rule.failing().forEach(f -> seen.putIfAbsent(f.id() + "|" + f.purl(), f));
      }
    }
    List<GateFinding> out = new ArrayList<>(seen.values());
    out.sort(Comparator.comparing((GateFinding f) -> f.severity().ordinal()).reversed()
        .thenComparing(f -> !f.kev())
        .thenComparing(f -> !f.fixable())
        .thenComparing(GateFinding::id)
        .thenComparing(f -> f.purl() == null ? "" : f.purl()));
    return out;
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
    if (!f.fixedVersions().isEmpty()) {
      return String.join(", ", f.fixedVersions());
    }
    return f.fixable() ? "fix available" : "no fix";
  }

  static String pkg(GateFinding f) {
    return f.purl() == null ? (f.location() == null ? "-" : f.location()) : f.purl();
  }
}
