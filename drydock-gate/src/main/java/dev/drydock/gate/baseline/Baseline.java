package dev.drydock.gate.baseline;

import dev.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded {@code drydock-baseline.yaml} (docs/baseline.md).
 *
 * @param source the file it came from (for messages)
 * @param rules the rules, in file order
 * @param tiers tier overrides, in file order
 * @param waivers the waivers, in file order
 * @param minScore the lowest acceptable score, null if none
 * @param minGrade the lowest acceptable grade ({@code A+} ... {@code F}), null if none
 */
public record Baseline(String source, List<Rule> rules, List<Tier> tiers, List<Waiver> waivers, Integer minScore,
    String minGrade) {

  public Baseline {
    rules = List.copyOf(rules);
    tiers = List.copyOf(tiers);
    waivers = List.copyOf(waivers);
  }

  /**
   * This baseline with {@code older-than-days} set to {@code days} on rule {@code ruleId} and on every tier
   * override of it (nothing changes when the baseline has no such rule).
   *
   * @throws DrydockException when {@code days} is below 1
   */
  public Baseline withRuleAge(String ruleId, int days) {
    if (days < 1) {
      throw new DrydockException("the data age limit must be at least 1 day, not " + days);
    }
    Thresholds age = new Thresholds(null, null, null, null, days);
    List<Rule> newRules = rules.stream().map(r -> !r.id().equals(ruleId) ? r
        : new Rule(r.id(), r.level(), r.description(), r.controls(), r.thresholds().with(age), r.line(), r.keys()))
        .toList();
    List<Tier> newTiers = tiers.stream().map(t -> new Tier(t.name(), t.exposure(), t.overrides().stream()
        .map(o -> !o.rule().equals(ruleId) || o.thresholds() == null ? o
            : new RuleOverride(o.rule(), o.level(), o.thresholds().with(age)))
        .toList())).toList();
    return new Baseline(source, newRules, newTiers, waivers, minScore, minGrade);
  }

  /** The tier names this baseline defines, in file order. */
  public Set<String> tierNames() {
    Set<String> names = new LinkedHashSet<>();
    tiers.forEach(t -> names.add(t.name()));
    return names;
  }

  /**
   * The rules as they apply to {@code tier} and {@code exposure}: the tier's any-exposure overrides first,
   * then those for {@code exposure}. A null tier applies no override.
   *
   * @throws DrydockException when the tier is not defined or the exposure is not internet/internal
   */
  public List<Rule> rulesFor(String tier, String exposure) {
    if (exposure != null && !exposure.equals("internet") && !exposure.equals("internal")) {
      throw new DrydockException("unknown exposure '" + exposure + "' (expected internet or internal)");
    }
    Map<String, Rule> byId = new LinkedHashMap<>();
    rules.forEach(r -> byId.put(r.id(), r));
    if (tier == null) {
      return List.copyOf(byId.values());
    }
    if (!tierNames().contains(tier)) {
      throw new DrydockException(source + ": unknown tier '" + tier + "' (expected one of "
          + String.join(", ", tierNames()) + ")");
    }
    List<Tier> apply = new ArrayList<>();
    tiers.stream().filter(t -> t.name().equals(tier) && t.exposure() == null).forEach(apply::add);
    tiers.stream().filter(t -> t.name().equals(tier) && t.exposure() != null && t.exposure().equals(exposure))
        .forEach(apply::add);
    for (Tier t : apply) {
      for (RuleOverride o : t.overrides()) {
        byId.computeIfPresent(o.rule(), (k, r) -> r.with(o));
      }
    }
    return List.copyOf(byId.values());
  }
}
