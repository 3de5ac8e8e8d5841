package dev.drydock.gate.baseline;

import dev.drydock.model.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** The vulnerability rule classes a baseline may name, with their default thresholds (docs/baseline.md). */
final class VulnClasses {
  private VulnClasses() {}

  static final Map<String, Thresholds> DEFAULTS = defaults();

  private static Map<String, Thresholds> defaults() {
    Map<String, Thresholds> m = new LinkedHashMap<>();
    m.put("vuln.any", Thresholds.NONE);
    m.put("vuln.fixable", new Thresholds(null, true, null, null, null));
    m.put("vuln.kev", new Thresholds(null, null, true, null, null));
    m.put("vuln.fixable-kev", new Thresholds(null, true, true, null, null));
    for (Severity s : new Severity[] {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW}) {
      String name = s.name().toLowerCase(java.util.Locale.ROOT);
      m.put("vuln." + name, new Thresholds(s, null, null, null, null));
      m.put("vuln.fixable-" + name, new Thresholds(s, true, null, null, null));
    }
    m.put("vuln.epss", new Thresholds(null, null, null, 0.1, null));
    return Map.copyOf(m);
  }

  static String names() {
    return String.join(", ", new java.util.TreeSet<>(DEFAULTS.keySet()));
  }
}
