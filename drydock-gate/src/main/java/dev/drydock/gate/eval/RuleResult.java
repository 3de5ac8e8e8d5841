package dev.drydock.gate.eval;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.baseline.Level;
import java.util.List;

/**
 * How one rule fared.
 *
 * @param ruleId the rule's id or class
 * @param level its effective level (after tier overrides)
 * @param description the rule's description, may be null
 * @param controls the rule's controls
 * @param passed whether no finding fails it
 * @param failing findings that fail it (including those whose waiver expired)
 * @param waived findings a valid waiver accepts
 */
public record RuleResult(String ruleId, Level level, String description, List<String> controls, boolean passed,
    List<GateFinding> failing, List<GateFinding> waived) {
  public RuleResult {
    controls = List.copyOf(controls);
    failing = List.copyOf(failing);
    waived = List.copyOf(waived);
  }
}
