package dev.drydock.gate.eval;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.Level;
import dev.drydock.gate.baseline.Rule;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.score.Grade;
import dev.drydock.gate.score.Score;
import dev.drydock.gate.score.ScoreInput;
import dev.drydock.gate.score.Scorer;
import dev.drydock.model.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Evaluates findings against a baseline (docs/baseline.md). */
public final class Gate {
  /** Waivers whose review-by date is at most this many days away are due for review. */
  static final int REVIEW_WINDOW_DAYS = 30;

  private Gate() {}

  /**
   * Evaluates {@code findings} and {@code driftFindings} against {@code baseline} as it applies to
   * {@code tier} and {@code exposure} (either may be null), with waivers judged on {@code today}.
   *
   * @throws dev.drydock.model.DrydockException for a tier or exposure the baseline does not know
   */
  public static GateResult evaluate(Baseline baseline, String tier, String exposure, List<GateFinding> findings,
      List<GateFinding> driftFindings, LocalDate today) {
    List<GateFinding> all = new ArrayList<>(findings);
    all.addAll(driftFindings);
    Set<Waiver> used = new LinkedHashSet<>();
    Set<Waiver> applied = new LinkedHashSet<>();
    Set<Waiver> expired = new LinkedHashSet<>();
    List<RuleResult> results = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Rule rule : baseline.rulesFor(tier, exposure)) {
      if (rule.level() == Level.IGNORE) {
        continue;
      }
      List<GateFinding> failing = new ArrayList<>();
      List<GateFinding> waived = new ArrayList<>();
      Set<FindingKey> seen = new HashSet<>();
      for (GateFinding f : all) {
        if (!rule.matches(f, today) || !seen.add(FindingKey.of(f))) {
          continue; // a finding given twice (two results of one image) counts once in a rule too
        }
        List<Waiver> selecting = baseline.waivers().stream().filter(w -> w.selects(f, rule.id())).toList();
        used.addAll(selecting);
        if (selecting.stream().anyMatch(w -> !w.expiredOn(today))) {
          waived.add(f);
          selecting.stream().filter(w -> !w.expiredOn(today)).forEach(applied::add);
        } else {
          failing.add(f);
          expired.addAll(selecting);
        }
      }
      boolean passed = failing.isEmpty();
      results.add(new RuleResult(rule.id(), rule.level(), rule.description(), rule.controls(), passed, failing,
          waived));
      if (!passed && rule.level() != Level.INFO) {
        reasons.add(rule.level().label() + " rule " + rule.id() + " failed: " + failing.size() + " finding"
            + (failing.size() == 1 ? "" : "s"));
      }
    }
    Counts.Tally tally = Counts.tally(all, results);
    Counts counts = tally.counts();
    List<Waiver> due = baseline.waivers().stream()
        .filter(w -> !w.expiredOn(today) && w.reviewBy() != null
            && !w.reviewBy().isAfter(today.plusDays(REVIEW_WINDOW_DAYS)))
        .toList();
    List<Waiver> unused = baseline.waivers().stream().filter(w -> !used.contains(w)).toList();
    boolean fixableHigh = all.stream().anyMatch(f -> "vulnerability".equals(f.kind()) && f.fixable()
        && f.severity() != null && f.severity().compareTo(Severity.HIGH) >= 0);
    int ticketed = (int) baseline.waivers().stream().filter(w -> w.ticket() != null && !w.ticket().isBlank())
        .count();
    Score score = Scorer.score(new ScoreInput(counts.mustPassRulesFailed(), counts.mayFailRulesFailed(),
        counts.failingKev(), expired.size(), fixableHigh, baseline.waivers().size(), ticketed));
    boolean belowMinimum = false;
    if (baseline.minScore() != null && score.value() < baseline.minScore()) {
      reasons.add("score " + score.value() + " is below min-score " + baseline.minScore());
      belowMinimum = true;
    }
    if (baseline.minGrade() != null && !score.grade().atLeast(Grade.parse(baseline.minGrade()))) {
      reasons.add("grade " + score.grade().label() + " is below min-grade " + baseline.minGrade());
      belowMinimum = true;
    }
    Decision decision = counts.mustPassRulesFailed() > 0 || belowMinimum ? Decision.FAIL
        : counts.mayFailRulesFailed() > 0 ? Decision.WARN : Decision.PASS;
    return new GateResult(decision, tier, exposure, results, List.copyOf(expired), due, unused, score, reasons,
        List.copyOf(applied), counts, tally.failingFindings());
  }
}
