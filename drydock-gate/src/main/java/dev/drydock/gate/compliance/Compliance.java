package dev.drydock.gate.compliance;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.ScanResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Compliance reports: each control of a framework is PASS (drydock tests it, nothing failed), FAIL (with
 * evidence) or NOT_TESTED (drydock has no check for it yet). docs/compliance.md lists the mapping.
 */
public final class Compliance {
  private Compliance() {}

  /** The frameworks a report can be made for. */
  public static List<String> frameworks() {
    return Catalog.FRAMEWORKS;
  }

  /**
   * The report for {@code framework} over {@code results}. Gate rules naming a control
   * ({@code controls: [cis-docker:4.4]}) also test it when {@code gate} is given; their failing findings
   * are evidence.
   *
   * @throws dev.drydock.model.DrydockException for an unknown framework
   */
  public static ComplianceReport report(String framework, List<ScanResult> results, GateResult gate,
      LocalDate date) {
    Catalog catalog = Catalog.load(framework);
    List<ControlResult> out = new ArrayList<>();
    for (Catalog.Control c : catalog.controls()) {
      List<String> checks = new ArrayList<>(c.checks());
      List<Evidence> evidence = new ArrayList<>();
      for (String check : c.checks()) {
        for (ScanResult r : results) {
          evidence.addAll(Checks.run(check, r));
        }
      }
      if (gate != null) {
        String key = framework + ":" + c.id();
        for (RuleResult rule : gate.rules()) {
          if (rule.controls().contains(key)) {
            checks.add("rule:" + rule.ruleId());
            for (GateFinding f : rule.failing()) {
              evidence.add(new Evidence("rule:" + rule.ruleId(), null, f.id(), f.location(), f.layerDiffId()));
            }
          }
        }
      }
      ControlResult.Status status = checks.isEmpty() ? ControlResult.Status.NOT_TESTED
          : evidence.isEmpty() ? ControlResult.Status.PASS : ControlResult.Status.FAIL;
      out.add(new ControlResult(c.id(), c.title(), status, checks, evidence));
    }
    return new ComplianceReport(framework, catalog.title(), date.toString(), out);
  }
}
