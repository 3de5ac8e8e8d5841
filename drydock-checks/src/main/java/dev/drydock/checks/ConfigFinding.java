package dev.drydock.checks;

import dev.drydock.model.Severity;
import java.util.List;

/** A misconfiguration found in a file: rule, where (1-based line and column), how to fix, references. */
public record ConfigFinding(String ruleId, Severity severity, String title, String file, int line, int column,
    String remediation, List<String> references) {
  public ConfigFinding {
    references = List.copyOf(references);
  }
}
