package dev.drydock.vulndb.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code drydock db status} prints: schema version, build time, the imported sources and row
 * counts per table.
 */
public record StoreStatus(
    String file, int schema, Instant builtAt, List<SourceRow> sources, Map<String, Long> counts) {

  public StoreStatus {
    sources = List.copyOf(sources);
    counts = Map.copyOf(counts);
  }

  /** One imported feed. */
  public record SourceRow(
      String name, String kind, String location, long records, long skipped, Instant importedAt) {}

  /** Time since the store was built (zero if the build time is unknown). */
  public Duration age() {
    return builtAt == null ? Duration.ZERO : Duration.between(builtAt, Instant.now());
  }
}
