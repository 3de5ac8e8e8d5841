package dev.drydock.engine.inventory;

import dev.drydock.engine.cache.AnalyzerOutput;
import java.util.Map;

/**
 * Everything known about one layer: per analyzer name, its output.
 *
 * @param index 0 for the base layer
 * @param diffId the layer's diffID (null for a directory pseudo-layer)
 * @param createdBy the history command that made the layer (null if unknown)
 * @param outputs per analyzer name; the structure pseudo-analyzer's name is {@code layer}
 */
public record LayerFacts(int index, String diffId, String createdBy, Map<String, AnalyzerOutput> outputs) {
  public LayerFacts {
    outputs = Map.copyOf(outputs);
  }
}
