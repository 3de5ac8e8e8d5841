package dev.drydock.gate.compliance;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.ScanResult;
import java.time.LocalDate;
import dev.drydock.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compliance reports: each control of a framework is PASS (drydock tests it, nothing failed), FAIL (with
 * evidence) or NOT_TESTED (drydock has no check for it, or the check family behind it did not run on these
 * results). A control is tested by the catalog's checks that apply to a result ({@link Checks#applies}); every
 * misconfiguration whose {@code controls} name {@code <framework>:<id>} is evidence against it.
 * docs/compliance.md lists the mapping.
 */
public final class Compliance {
  private Compliance() {}

  /** Keeps the first evidence of each (target, finding, location, layer): one finding found by two checks counts once. */
  private static void add(Map<List<String>, Evidence> evidence, Evidence e) {
    evidence.putIfAbsent(java.util.Arrays.asList(e.target(), e.findingId(), e.location(), e.layerDiffId()), e);
  }

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
      String key = framework + ":" + c.id();
      Set<String> checks = new LinkedHashSet<>();
      Map<List<String>, Evidence> evidence = new LinkedHashMap<>();
      for (String check : c.checks()) {
        for (ScanResult r : results) {
          if (Checks.applies(check, r, c.id())) {
            checks.add(check);
          }
          Checks.run(check, r).forEach(e -> add(evidence, e));
        }
      }
      // any finding that names this control is evidence against it, whichever rule produced it
      String byKey = "control:" + key;
      for (ScanResult r : results) {
        String target = r.target() == null ? null : r.target().name();
        for (Finding f : r.findings()) {
          if (f.controls().contains(key)) {
            checks.add(byKey);
            add(evidence, Checks.evidence(byKey, target, f));
          }
        }
      }
      if (gate != null) {
        for (RuleResult rule : gate.rules()) {
          if (rule.controls().contains(key)) {
            checks.add("rule:" + rule.ruleId());
            for (GateFinding f : rule.failing()) {
              add(evidence, new Evidence("rule:" + rule.ruleId(), null, f.id(), f.location(), f.layerDiffId()));
            }
          }
        }
      }
      ControlResult.Status status = checks.isEmpty() ? ControlResult.Status.NOT_TESTED
          : evidence.isEmpty() ? ControlResult.Status.PASS : ControlResult.Status.FAIL;
      out.add(new ControlResult(c.id(), c.title(), status, List.copyOf(checks), List.copyOf(evidence.values())));
    }
    return new ComplianceReport(framework, catalog.title(), date.toString(), out);
  }
}
