package dev.drydock.engine;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.baseline.Rule;
import dev.drydock.gate.drift.Drift;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.Gate;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.model.ScanResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One gate decision over results of any kind: the baseline (a file, or the built-in default), the
 * findings of every result, and, with a previous result, the drift ratchets the baseline names
 * ({@code id: ratchet.<name>} rules).
 */
public final class GateRun {
  private GateRun() {}

  /**
   * @param baselineFile the baseline, or null for the built-in default
   * @param previous the previous release's result for drift ratchets, or null
   */
  public static GateReport run(List<ScanResult> results, Path baselineFile, String tier, String exposure,
      ScanResult previous, Instant now) {
    return run(results, baselineFile, tier, exposure, previous, now, null);
  }

  /**
   * @param maxDataAgeDays when not null, the {@code older-than-days} of the baseline's {@code DD-DATA-002} rule
   *     and of its tier overrides ({@code --max-data-age-days})
   */
  public static GateReport run(List<ScanResult> results, Path baselineFile, String tier, String exposure,
      ScanResult previous, Instant now, Integer maxDataAgeDays) {
    Baseline loaded = baselineFile == null ? BaselineLoader.defaults() : BaselineLoader.load(baselineFile);
    Baseline baseline = maxDataAgeDays == null ? loaded : loaded.withRuleAge(GateFindings.DATA_AGE, maxDataAgeDays);
    List<GateFinding> findings = new ArrayList<>();
    // results written before secrets had a category are classified by rule id, so old keys still fail
    results.forEach(r -> findings.addAll(GateFindings.of(FindingFilter.categorized(r))));
    // "image must be signed by one of these keys" (DD-SIG-001): judged only when the baseline has the rule
    for (Rule r : baseline.rules()) {
      if (GateFindings.SIGNATURE.equals(r.id())) {
        for (ScanResult result : results) {
          GateFinding f = GateFindings.signature(result, r.keys());
          if (f != null) {
            findings.add(f);
          }
        }
      }
    }
    DriftReport drift = null;
    List<GateFinding> driftFindings = List.of();
    if (previous != null && !results.isEmpty()) {
      drift = Drift.between(previous, results.get(0));
      List<String> ratchets = new ArrayList<>();
      for (Rule r : baseline.rules()) {
        if (r.id() != null && r.id().startsWith("ratchet.")) {
          ratchets.add(r.id().substring("ratchet.".length()));
        }
      }
      driftFindings = Drift.ratchet(drift, ratchets);
    }
    GateResult result = Gate.evaluate(baseline, tier, exposure, findings, driftFindings,
        LocalDate.ofInstant(now, ZoneOffset.UTC));
    List<String> targets = results.stream().map(r -> r.target().name()).toList();
    return new GateReport(now.truncatedTo(ChronoUnit.SECONDS).toString(),
        baselineFile == null ? "built-in default" : baselineFile.toString(), targets, result,
        GateReport.failingByLayer(results, result), drift);
  }
}
