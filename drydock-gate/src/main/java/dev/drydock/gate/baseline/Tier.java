package dev.drydock.gate.baseline;

import java.util.List;

/**
 * Overrides for one business-criticality tier, for one exposure or (exposure null) for any.
 *
 * @param name e.g. {@code BC5}
 * @param exposure {@code internet}, {@code internal}, or null for any exposure
 * @param overrides the overrides, applied in order
 */
public record Tier(String name, String exposure, List<RuleOverride> overrides) {
  public Tier {
    overrides = List.copyOf(overrides);
  }
}
