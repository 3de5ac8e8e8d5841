package dev.drydock.checks.image;

import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.List;

/**
 * One image check: id ({@code DD-IMG-0xx}), severity, title, remediation, references (Dockle, CIS Docker) and
 * compliance controls.
 */
public record ImageRule(String id, Severity severity, String title, String remediation, List<String> references,
    List<String> controls) {

  public ImageRule {
    references = List.copyOf(references);
    controls = List.copyOf(controls);
  }

  /** A finding of this rule; {@code detail} is appended to the title. */
  Misconfiguration finding(String detail, String file, String layerDiffId, String resource) {
    String t = detail == null || detail.isEmpty() ? title : title + ": " + detail;
    return new Misconfiguration(id, severity, t, file, 0, 0, remediation, references, controls, layerDiffId,
        resource);
  }
}
