package dev.drydock.gate;

import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a gate report shows: the decision with its rules, waivers, score and counts, what was gated,
 * and the drift against the previous release when one was given. Every gate report format renders this.
 *
 * @param createdAt when the gate ran, ISO-8601
 * @param baseline the baseline file (or {@code built-in default})
 * @param targets the results or images that were gated
 * @param result the evaluation
 * @param findingsByLayer for the HTML report: failing findings per layer ({@link #failingByLayer}), may be empty
 * @param drift drift against {@code --previous}, null when none was given
 */
public record GateReport(String createdAt, String baseline, List<String> targets, GateResult result,
    List<LayerCount> findingsByLayer, DriftReport drift) {

  public GateReport {
    targets = List.copyOf(targets);
    findingsByLayer = findingsByLayer == null ? List.of() : List.copyOf(findingsByLayer);
  }

  /**
   * Failing findings introduced by one layer.
   *
   * @param findings how many of {@link GateResult#failingFindings()} name this layer
   */
  public record LayerCount(int index, String diffId, String createdBy, int findings) {}

  /**
   * Every layer of {@code results} (each diffID once, in order) with the number of {@code result}'s distinct
   * failing findings it introduced; those count the same findings as every other number of the report.
   */
  public static List<LayerCount> failingByLayer(List<ScanResult> results, GateResult result) {
    Map<String, Integer> counts = new HashMap<>();
    for (GateFinding f : result.failingFindings()) {
      if (f.layerDiffId() != null) {
        counts.merge(f.layerDiffId(), 1, Integer::sum);
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    List<LayerCount> out = new ArrayList<>();
    for (ScanResult r : results) {
      for (LayerInfo l : r.layers()) {
        if (seen.add(l.diffId())) {
          out.add(new LayerCount(l.index(), l.diffId(), l.createdBy(), counts.getOrDefault(l.diffId(), 0)));
        }
      }
    }
    return out;
  }
}
