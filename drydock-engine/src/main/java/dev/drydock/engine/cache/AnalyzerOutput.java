package dev.drydock.engine.cache;

import dev.drydock.model.Fact;
import java.util.List;

/**
 * What one analyzer produced for one layer: the paths it read (so an upper layer that rewrites one of
 * them replaces exactly those facts, even when the new file yields none) and the facts.
 */
public record AnalyzerOutput(List<String> paths, List<Fact> facts) {
  public AnalyzerOutput {
    paths = List.copyOf(paths);
    facts = List.copyOf(facts);
  }
}
