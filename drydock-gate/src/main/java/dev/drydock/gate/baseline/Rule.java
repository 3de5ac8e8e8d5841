package dev.drydock.gate.baseline;

import dev.drydock.gate.GateFinding;
import java.time.LocalDate;
import java.util.List;

/**
 * One baseline rule.
 *
 * @param id how the rule is named in reports, overrides and waivers: its {@code id} or {@code class}
 * @param level its level (after tier overrides)
 * @param description free text, may be null
 * @param controls compliance controls the rule evidences
 * @param thresholds the effective thresholds (class defaults, then the rule's, then overrides)
 * @param line the line of the rule in its file (0 for rules not from a file)
 */
public record Rule(String id, Level level, String description, List<String> controls, Thresholds thresholds,
    int line) {

  public Rule {
    controls = controls == null ? List.of() : List.copyOf(controls);
  }

  /** Whether {@code f} counts against this rule on {@code today}. */
  public boolean matches(GateFinding f, LocalDate today) {
    boolean selected;
    if (id.startsWith("vuln.")) {
      selected = "vulnerability".equals(f.kind());
    } else if (id.startsWith("tag:")) {
      selected = f.tags().contains(id.substring(4));
    } else {
      selected = id.equals(f.ruleId());
    }
    return selected && thresholds.matches(f, today);
  }

  /** This rule with {@code o}'s level and thresholds applied. */
  Rule with(RuleOverride o) {
    return new Rule(id, o.level() != null ? o.level() : level, description, controls, thresholds.with(o.thresholds()),
        line);
  }
}
