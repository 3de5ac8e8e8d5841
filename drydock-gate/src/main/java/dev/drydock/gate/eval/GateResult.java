package dev.drydock.gate.eval;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Waiver;
import dev.drydock.gate.score.Score;
import java.util.List;

/**
 * The outcome of a gate evaluation.
 *
 * @param decision PASS, WARN or FAIL
 * @param tier the tier evaluated for, may be null
 * @param exposure the exposure evaluated for, may be null
 * @param rules every evaluated rule (ignore-level rules are left out), in baseline order
 * @param expiredWaivers waivers that selected a finding but have expired (the finding failed again)
 * @param dueForReview unexpired waivers whose review-by date is within 30 days or past
 * @param unusedWaivers waivers that selected no finding
 * @param score the score and grade
 * @param reasons one line per cause of FAIL or WARN
 * @param appliedWaivers unexpired waivers that accepted at least one finding (who accepted what, for reports)
 * @param counts how many distinct findings failed, were waived, ... ({@link Counts}); every report shows these
 * @param failingFindings the {@code counts.failing} distinct failing findings, worst first (severity, KEV,
 *     fixable, id): the findings every report lists
 */
public record GateResult(Decision decision, String tier, String exposure, List<RuleResult> rules,
    List<Waiver> expiredWaivers, List<Waiver> dueForReview, List<Waiver> unusedWaivers, Score score,
    List<String> reasons, List<Waiver> appliedWaivers, Counts counts, List<GateFinding> failingFindings) {
  public GateResult {
    java.util.Objects.requireNonNull(counts, "counts");
    failingFindings = List.copyOf(failingFindings);
    if (failingFindings.size() != counts.failing()) {
      throw new IllegalArgumentException("failingFindings holds " + failingFindings.size()
          + " findings but counts.failing is " + counts.failing());
    }
    rules = List.copyOf(rules);
    expiredWaivers = List.copyOf(expiredWaivers);
    dueForReview = List.copyOf(dueForReview);
    unusedWaivers = List.copyOf(unusedWaivers);
    reasons = List.copyOf(reasons);
    appliedWaivers = appliedWaivers == null ? List.of() : List.copyOf(appliedWaivers);
  }

  /** The process exit code: 0 PASS, 1 FAIL, 3 WARN with {@code failOnWarn} (else 0). */
  public int exitCode(boolean failOnWarn) {
    return decision.exitCode(failOnWarn);
  }
}
