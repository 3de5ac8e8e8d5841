package dev.drydock.checks.dockerfile;

import dev.drydock.model.Severity;
import java.util.List;

/** What a Dockerfile rule is about: id (DD-DF-0xx), severity, title, remediation, references (hadolint, CIS). */
public record RuleInfo(String id, Severity severity, String title, String remediation, List<String> references) {
  public RuleInfo {
    references = List.copyOf(references);
  }
}
