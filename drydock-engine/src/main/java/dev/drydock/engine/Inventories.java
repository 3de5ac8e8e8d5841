package dev.drydock.engine;

import dev.drydock.engine.cache.LayerCache;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inventories of scanned images kept in the cache ({@code cache.sqlite}, table {@code scans}), so that a
 * new vulnerability store can be matched against them without reading any image (Clair's notifier
 * model). Keyed by the target's absolute path ({@code path:...}).
 */
public final class Inventories {
  private Inventories() {}

  static String key(Path target) {
    return "path:" + target.toAbsolutePath().normalize();
  }

  /** Remembers the inventory (without findings) of an image target. */
  static void store(LayerCache cache, Path target, ScanResult inventory) {
    try {
      cache.putScan(key(target), inventory.target().name(), Json.mapper().writeValueAsBytes(inventory));
    } catch (IOException e) {
      throw new DrydockException("cannot store the inventory of " + target + ": " + e.getMessage(), e);
    }
  }

  /** Remembers an already serialised inventory for {@code target} (a warm scan: nothing to encode again). */
  static void storeRaw(LayerCache cache, Path target, String name, byte[] json) {
    cache.putScan(key(target), name, json);
  }

  /** Remembers a squashed inventory under its content key (see Scanner.inventoryKey). */
  static void storeSquashed(LayerCache cache, String key, ScanResult inventory) {
    try {
      cache.putScan(key, inventory.target().name(), Json.mapper().writeValueAsBytes(inventory));
    } catch (IOException e) {
      throw new DrydockException("cannot store an inventory: " + e.getMessage(), e);
    }
  }

  /** The stored inventory of {@code target}; the image itself is not opened (it may be gone). */
  public static Optional<ScanResult> load(Path cacheDir, Path target) {
    try (LayerCache cache = LayerCache.open(cacheDir)) {
      return cache.getScan(key(target)).map(Inventories::decode);
    }
  }

  /** Every stored inventory, oldest first. */
  public static List<ScanResult> all(Path cacheDir) {
    List<ScanResult> out = new ArrayList<>();
    try (LayerCache cache = LayerCache.open(cacheDir)) {
      for (String k : cache.scanKeys()) {
        if (!k.startsWith("path:")) {
          continue;
        }
        cache.getScan(k).map(Inventories::decode).ifPresent(out::add);
      }
    }
    return out;
  }

  static ScanResult decode(byte[] json) {
    try {
      return Json.mapper().readValue(json, ScanResult.class);
    } catch (IOException e) {
      throw new DrydockException("stored inventory is unreadable (clear the cache directory): " + e.getMessage(), e);
    }
  }
}
