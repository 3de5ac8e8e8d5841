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
 * @param keys for {@code DD-SIG-001}: the fingerprints ({@code sha256:<hex>} of the SubjectPublicKeyInfo) of the
 *     keys one of which must have signed the image; empty means any key the scan verified with
 */
public record Rule(String id, Level level, String description, List<String> controls, Thresholds thresholds,
    int line, List<String> keys) {

  public Rule {
    controls = controls == null ? List.of() : List.copyOf(controls);
    keys = keys == null ? List.of() : List.copyOf(keys);
  }

  /** A rule without signing keys. */
  public Rule(String id, Level level, String description, List<String> controls, Thresholds thresholds, int line) {
    this(id, level, description, controls, thresholds, line, List.of());
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
        line, keys);
  }
}
