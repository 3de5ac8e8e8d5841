package dev.drydock.engine.cache;

import java.util.List;
import java.util.Optional;

/**
 * The stored-inventories port: encoded inventories (see {@code dev.drydock.engine.Inventories} for the
 * encoding) under a key, and which image was last scanned at which path. Keys are {@code image:<identity>}
 * ({@code dev.drydock.image.ImageIdentity#key}), {@code inventory:<content key>} (a squashed inventory, for warm
 * scans) and, in caches written before schema 2, {@code path:<absolute path>}. {@link LayerCache} is the
 * embedded (SQLite) implementation.
 */
public interface InventoryStore {
  /** Stores an encoded inventory under {@code key}; {@code target} is the name the user gave. */
  void putScan(String key, String target, byte[] encoded);

  /** Copies a stored inventory to another key without decoding it. */
  void copyScan(String fromKey, String toKey, String target);

  /** The encoded inventory under {@code key}, if any. */
  Optional<byte[]> getScan(String key);

  /** Forgets the inventory under {@code key} (nothing if there is none). */
  void removeScan(String key);

  /** Keys of every stored inventory, oldest first. */
  List<String> scanKeys();

  /** Records that the image with {@code imageKey} was scanned at {@code path} (absolute, normalised). */
  void putImagePath(String path, String imageKey);

  /** The key of the image last scanned at {@code path}, if any. */
  Optional<String> imageKeyAt(String path);
}
