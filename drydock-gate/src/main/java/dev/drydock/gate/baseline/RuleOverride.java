package dev.drydock.gate.baseline;

/**
 * A tier's change to one rule.
 *
 * @param rule the rule's id
 * @param level the new level, null to keep it
 * @param thresholds thresholds replacing the rule's (null fields keep the rule's)
 */
public record RuleOverride(String rule, Level level, Thresholds thresholds) {}
