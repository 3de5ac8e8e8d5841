package dev.drydock.engine;

import dev.drydock.engine.cache.InventoryStore;
import dev.drydock.engine.cache.LayerCache;
import dev.drydock.engine.cache.LayerFactStore;
import dev.drydock.engine.cache.SqliteNative;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.AdvisoryStore;
import dev.drydock.vulndb.store.VulnStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stores of one engine: the layer-fact cache, the stored inventories and the advisory store. The one
 * place drydock opens them; an engine holds one {@code Stores} and closes it when done, and two engines
 * with different stores can run in one JVM.
 *
 * <p>{@link #sqlite} is the embedded implementation, every file under one cache directory:
 * {@code cache.sqlite} (layer facts and inventories, {@link LayerCache}, opened on first use and migrated to
 * this drydock's schema), {@code vulndb.sqlite} (advisories, {@link VulnStore}, one read-only snapshot per
 * {@link #openAdvisories} since {@code db update} replaces it by rename) and {@code java-index.sqlite}. Before
 * the first SQLite connection, sqlite-jdbc's native library is pointed at {@code <cacheDir>/native}
 * ({@link SqliteNative}), never unpacked into {@code /tmp}.
 */
public final class Stores implements AutoCloseable {
  private final Path cacheDir;
  private LayerCache cache;
  private boolean closed;
  /** Layer facts and inventories of another implementation ({@link #of}); null: the embedded cache. */
  private final LayerFactStore facts;
  private final InventoryStore inventories;

  private Stores(Path cacheDir) {
    this(cacheDir, null, null);
  }

  private Stores(Path cacheDir, LayerFactStore facts, InventoryStore inventories) {
    this.cacheDir = cacheDir;
    this.facts = facts;
    this.inventories = inventories;
  }

  /**
   * Layer facts and inventories of another implementation (the server's PostgreSQL store, shared by several
   * processes); advisories, the Java index and scratch files stay in {@code cacheDir}. The caller owns
   * {@code facts} and {@code inventories} and closes them; {@link #close} leaves them open.
   */
  public static Stores of(Path cacheDir, LayerFactStore facts, InventoryStore inventories) {
    return new Stores(cacheDir, java.util.Objects.requireNonNull(facts, "facts"),
        java.util.Objects.requireNonNull(inventories, "inventories"));
  }

  /** The embedded stores in {@code cacheDir}; nothing is opened or created until first used. */
  public static Stores sqlite(Path cacheDir) {
    return new Stores(cacheDir);
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The layer-fact cache. */
  public LayerFactStore layerFacts() {
    if (facts != null) {
      checkOpen();
      return facts;
    }
    return cache();
  }

  /** The stored inventories (same file as the layer facts in the embedded implementation). */
  public InventoryStore inventories() {
    if (inventories != null) {
      checkOpen();
      return inventories;
    }
    return cache();
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("stores of " + cacheDir + " are closed");
    }
  }

  private synchronized LayerCache cache() {
    checkOpen();
    if (cache == null) {
      cache = LayerCache.open(cacheDir);
    }
    return cache;
  }

  /** Whether an advisory store exists (it may still be of another schema: {@link #openAdvisories} says so). */
  public boolean hasAdvisories() {
    return Files.isRegularFile(VulnStore.storeFile(cacheDir));
  }

  /**
   * Opens the current advisory snapshot; the caller closes it.
   *
   * @throws dev.drydock.model.DrydockException when there is none or it has another schema
   */
  public AdvisoryStore openAdvisories() {
    SqliteNative.prepare(cacheDir);
    return VulnStore.open(cacheDir);
  }

  /** Imports advisory feed files or directories into the advisory store ({@code db import}). */
  public ImportReport importAdvisories(List<Path> paths) {
    SqliteNative.prepare(cacheDir);
    return Imports.importPaths(paths, cacheDir);
  }

  /** Replaces the Java SHA-1 index with the one in {@code csv}; returns how many artifacts it holds. */
  public long importJavaIndex(Path csv) {
    SqliteNative.prepare(cacheDir);
    return JavaIndexStore.importIndex(csv, cacheDir);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (cache != null) {
      cache.close();
      cache = null;
    }
  }
}
