package dev.drydock.gate.compliance;

import java.util.List;

/**
 * A compliance report: every control of one framework with its status. Jackson-serialisable.
 *
 * @param framework the framework id ({@code cis-docker}, {@code nist-800-190}, {@code mas-trm})
 * @param title the framework's title and version
 * @param date the date of the report, {@code YYYY-MM-DD}
 * @param controls every control of the framework, in catalog order
 */
public record ComplianceReport(String framework, String title, String date, List<ControlResult> controls) {
  public ComplianceReport {
    controls = List.copyOf(controls);
  }

  /** The control with {@code id}, or null. */
  public ControlResult control(String id) {
    return controls.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }
}
