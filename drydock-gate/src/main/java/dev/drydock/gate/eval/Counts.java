package dev.drydock.gate.eval;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Level;
import dev.drydock.model.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers every gate report shows, counted once here (docs/baseline.md, "Counting findings"). A
 * finding is a distinct {@link FindingKey}: it counts once however many rules it trips.
 *
 * @param evaluated distinct findings the gate was given (scan findings and drift findings)
 * @param failing distinct findings that fail at least one {@code must-pass} or {@code may-fail} rule
 * @param failingMustPass of {@code failing}, those that fail at least one {@code must-pass} rule
 * @param failingKev of {@code failing}, those in CISA KEV (the score's KEV penalty counts these)
 * @param waived distinct findings a waiver accepted in at least one rule and that fail no rule
 * @param infoOnly distinct findings only {@code info} rules selected (neither failing nor waived)
 * @param unselected distinct findings no evaluated rule selected; the five add up to {@code evaluated}
 * @param failingBySeverity {@code failing} per severity, every severity, worst first
 * @param rulesEvaluated rules evaluated ({@code ignore} rules are not)
 * @param mustPassRulesFailed {@code must-pass} rules with at least one failing finding
 * @param mayFailRulesFailed {@code may-fail} rules with at least one failing finding
 */
public record Counts(int evaluated, int failing, int failingMustPass, int failingKev, int waived, int infoOnly,
    int unselected, Map<Severity, Integer> failingBySeverity, int rulesEvaluated, int mustPassRulesFailed,
    int mayFailRulesFailed) {

  /** Severities worst first, as reports list them. */
  public static final List<Severity> SEVERITY_ORDER = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM,
      Severity.LOW, Severity.NONE, Severity.UNKNOWN);

  /** Worst first: severity, then KEV, then fixable, then id, package and location. */
  static final Comparator<GateFinding> WORST_FIRST = Comparator
      .comparing((GateFinding f) -> severity(f).ordinal()).reversed()
      .thenComparing(f -> !f.kev())
      .thenComparing(f -> !f.fixable())
      .thenComparing(GateFinding::id)
      .thenComparing(f -> f.purl() == null ? "" : f.purl())
      .thenComparing(f -> f.location() == null ? "" : f.location());

  public Counts {
    Map<Severity, Integer> ordered = new LinkedHashMap<>();
    for (Severity s : SEVERITY_ORDER) {
      ordered.put(s, failingBySeverity == null ? 0 : failingBySeverity.getOrDefault(s, 0));
    }
    failingBySeverity = Collections.unmodifiableMap(ordered);
  }

  /** The counts of {@code rules} evaluated over {@code evaluated}. */
  public static Counts of(List<GateFinding> evaluated, List<RuleResult> rules) {
    return tally(evaluated, rules).counts();
  }

  /** Counts and the distinct failing findings, worst first. */
  record Tally(Counts counts, List<GateFinding> failingFindings) {}

  /**
   * Counts {@code rules} over {@code evaluated}. Among findings with the same key, the first of
   * {@code evaluated} stands for them all (scan findings come before drift findings, so a vulnerability is
   * shown with its own severity and fix, not as the ratchet that also flagged it).
   */
  static Tally tally(List<GateFinding> evaluated, List<RuleResult> rules) {
    Map<FindingKey, GateFinding> first = new LinkedHashMap<>();
    evaluated.forEach(f -> first.putIfAbsent(FindingKey.of(f), f));
    Set<FindingKey> failing = new LinkedHashSet<>();
    Set<FindingKey> mustPass = new LinkedHashSet<>();
    Set<FindingKey> waived = new LinkedHashSet<>();
    Set<FindingKey> info = new LinkedHashSet<>();
    int mustPassRules = 0;
    int mayFailRules = 0;
    for (RuleResult rule : rules) {
      for (GateFinding f : rule.failing()) {
        FindingKey k = FindingKey.of(f);
        first.putIfAbsent(k, f);
        switch (rule.level()) {
          case MUST_PASS -> {
            failing.add(k);
            mustPass.add(k);
          }
          case MAY_FAIL -> failing.add(k);
          case INFO, IGNORE -> info.add(k);
        }
      }
      for (GateFinding f : rule.waived()) {
        FindingKey k = FindingKey.of(f);
        first.putIfAbsent(k, f);
        waived.add(k);
      }
      if (!rule.failing().isEmpty()) {
        if (rule.level() == Level.MUST_PASS) {
          mustPassRules++;
        } else if (rule.level() == Level.MAY_FAIL) {
          mayFailRules++;
        }
      }
    }
    waived.removeAll(failing);
    info.removeAll(failing);
    info.removeAll(waived);
    List<GateFinding> failingFindings = new ArrayList<>();
    failing.forEach(k -> failingFindings.add(first.get(k)));
    failingFindings.sort(WORST_FIRST);
    Map<Severity, Integer> bySeverity = new LinkedHashMap<>();
    failingFindings.forEach(f -> bySeverity.merge(severity(f), 1, Integer::sum));
    int kev = (int) failingFindings.stream().filter(GateFinding::kev).count();
    int total = first.size();
    Counts counts = new Counts(total, failing.size(), mustPass.size(), kev, waived.size(), info.size(),
        total - failing.size() - waived.size() - info.size(), bySeverity, rules.size(), mustPassRules,
        mayFailRules);
    return new Tally(counts, List.copyOf(failingFindings));
  }

  private static Severity severity(GateFinding f) {
    return f.severity() == null ? Severity.UNKNOWN : f.severity();
  }
}
