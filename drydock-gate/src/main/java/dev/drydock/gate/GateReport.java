package dev.drydock.gate;

import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.GateResult;
import java.util.List;

/**
 * Everything a gate report shows: the decision with its rules, waivers and score, what was gated, and
 * the drift against the previous release when one was given. Every gate report format renders this.
 *
 * @param createdAt when the gate ran, ISO-8601
 * @param baseline the baseline file (or {@code built-in default})
 * @param targets the results or images that were gated
 * @param result the evaluation
 * @param findingsByLayer for the HTML report: finding count per layer diffID (may be empty)
 * @param drift drift against {@code --previous}, null when none was given
 */
public record GateReport(String createdAt, String baseline, List<String> targets, GateResult result,
    List<LayerCount> findingsByLayer, DriftReport drift) {

  public GateReport {
    targets = List.copyOf(targets);
    findingsByLayer = findingsByLayer == null ? List.of() : List.copyOf(findingsByLayer);
  }

  /** Findings introduced by one layer. */
  public record LayerCount(int index, String diffId, String createdBy, int findings) {}
}
