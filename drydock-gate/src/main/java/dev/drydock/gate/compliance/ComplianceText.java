package dev.drydock.gate.compliance;

import java.util.LinkedHashSet;
import java.util.Set;

/** Renders a compliance report as a plain-text table. */
public final class ComplianceText {
  private ComplianceText() {}

  /** One row per control: id, status, title, then evidence (up to 5 ids, then a count). */
  public static String table(ComplianceReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append(report.title()).append(" -- compliance report ").append(report.date()).append('\n');
    int pass = 0;
    int fail = 0;
    int untested = 0;
    for (ControlResult c : report.controls()) {
      switch (c.status()) {
        case PASS -> pass++;
        case FAIL -> fail++;
        default -> untested++;
      }
      String status = c.status() == ControlResult.Status.NOT_TESTED ? "not tested" : c.status().name();
      sb.append(String.format("%-8s %-10s %s%n", c.id(), status, c.title()));
      if (!c.evidence().isEmpty()) {
        Set<String> ids = new LinkedHashSet<>();
        c.evidence().forEach(e -> ids.add(e.findingId() + (e.location() == null ? "" : " @ " + e.location())));
        int shown = 0;
        for (String id : ids) {
          if (shown++ == 5) {
            sb.append(String.format("%20s ... and %d more%n", "", ids.size() - 5));
            break;
          }
          sb.append(String.format("%20s %s%n", "", id));
        }
      }
    }
    sb.append(String.format("%d passed, %d failed, %d not tested%n", pass, fail, untested));
    return sb.toString();
  }
}
