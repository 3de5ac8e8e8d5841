package dev.drydock.vulndb.store;

import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The advisory-store port: one snapshot of the advisories matching reads, and what {@code db status} and
 * {@code db update} need to know about it. {@link VulnStore} is the embedded (SQLite) implementation; the
 * engine opens it through its stores ({@code dev.drydock.engine.Stores}). Thread-safe; close it when done.
 */
public interface AdvisoryStore extends AdvisorySource, AutoCloseable {
  /** Advisories whose id or one of whose aliases is {@code idOrAlias} (one per source that has it). */
  List<OsvRecord> byId(String idOrAlias);

  /** Schema, build time, sources and table counts. */
  StoreStatus status();

  /** The SHA-256 of what each source was imported from, by source name (absent when not recorded). */
  Map<String, String> sourceSha256();

  /** Time since this store was built. */
  Duration age();

  @Override
  void close();
}
