package dev.drydock.gate.compliance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which check family produces a finding rule id, by its prefix (the rule id scheme of docs/config-checks.md), and
 * the families a catalog may name. A rule's control is tested only when its family ran.
 */
final class RuleFamilies {
  private RuleFamilies() {}

  /** Every check family ({@link dev.drydock.model.ScanResult#checksRun()} names). */
  static final Set<String> FAMILIES = Set.of("dockerfile", "image-config", "kubernetes", "compose", "docker-inspect",
      "host", "cloudformation", "iam", "secrets", "weak-crypto", "web");

  private static final Map<String, List<String>> BY_PREFIX = new LinkedHashMap<>();

  static {
    BY_PREFIX.put("DD-DF-", List.of("dockerfile"));
    BY_PREFIX.put("DD-IMG-", List.of("image-config"));
    BY_PREFIX.put("DD-K8S-", List.of("kubernetes"));
    BY_PREFIX.put("DD-CMP-", List.of("compose"));
    BY_PREFIX.put("DD-RT-", List.of("docker-inspect", "compose", "kubernetes"));
    BY_PREFIX.put("DD-HOST-", List.of("host"));
    BY_PREFIX.put("DD-CFN-", List.of("cloudformation", "iam"));
    BY_PREFIX.put("DD-SEC-", List.of("secrets"));
    BY_PREFIX.put("DD-CRY-", List.of("weak-crypto"));
    BY_PREFIX.put("DD-WEB-", List.of("web"));
  }

  /** The families that can produce {@code ruleId} (or, ending in {@code *}, rule ids with that prefix); empty if none. */
  static List<String> of(String ruleId) {
    for (Map.Entry<String, List<String>> e : BY_PREFIX.entrySet()) {
      if (ruleId.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return List.of();
  }

  /** Whether a finding's rule id is selected by a catalog's rule reference ({@code DD-IMG-001} or {@code DD-HOST-3.*}). */
  static boolean matches(String pattern, String ruleId) {
    return pattern.endsWith("*") ? ruleId.startsWith(pattern.substring(0, pattern.length() - 1))
        : pattern.equals(ruleId);
  }
}
