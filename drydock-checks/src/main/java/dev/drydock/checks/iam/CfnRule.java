package dev.drydock.checks.iam;

import dev.drydock.checks.doc.Loc;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.List;

/**
 * One {@code DD-CFN-0xx} rule (CloudFormation templates and IAM policy files share the id space): its
 * severity, title and remediation. References to other tools depend on where a finding is (cfn_nag has one
 * id per resource type), so they are given per finding.
 */
public record CfnRule(String id, Severity severity, String title, String remediation) {

  /** A finding of this rule at {@code loc}; {@code detail}, if not null, is appended to the title. */
  public Misconfiguration at(String file, Loc loc, String resource, String detail, List<String> references) {
    String t = detail == null || detail.isEmpty() ? title : title + " (" + detail + ")";
    return new Misconfiguration(id, severity, t, file, loc.line(), loc.column(), remediation, references, List.of(),
        null, resource);
  }
}
