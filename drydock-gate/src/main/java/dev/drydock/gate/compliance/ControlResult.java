package dev.drydock.gate.compliance;

import java.util.List;

/**
 * How one control fared.
 *
 * @param id the control's number as the framework publishes it
 * @param title the control's title
 * @param status PASS, FAIL or NOT_TESTED
 * @param checks the drydock checks (and gate rules) that test it; empty when NOT_TESTED
 * @param evidence what failed it; empty unless FAIL
 */
public record ControlResult(String id, String title, Status status, List<String> checks, List<Evidence> evidence) {
  public ControlResult {
    checks = List.copyOf(checks);
    evidence = List.copyOf(evidence);
  }

  /** A control's status. */
  public enum Status { PASS, FAIL, NOT_TESTED }
}
