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

  /**
   * One imported feed.
   *
   * @param dataDate when the publisher last changed the data (ISO-8601 as the feed wrote it), null if unknown
   * @param sha256 hex digest of what was imported, null if not recorded
   */
  public record SourceRow(String name, String kind, String location, long records, long skipped, Instant importedAt,
      String dataDate, String sha256) {

    /** The day the data is from: its data date, else (unknown) its import day, else null. */
    public java.time.LocalDate dataDay() {
      Instant at = DataDates.parse(dataDate);
      at = at != null ? at : importedAt;
      return at == null ? null : java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC);
    }
  }

  /** Time since the store was built (zero if the build time is unknown). */
  public Duration age() {
    return builtAt == null ? Duration.ZERO : Duration.between(builtAt, Instant.now());
  }
}
