package dev.drydock.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.engine.cache.LayerCache;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Fact;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inventories of scanned images kept in the cache ({@code cache.sqlite}, table {@code scans}), so that a
 * new vulnerability store can be matched against them without reading any image (Clair's notifier
 * model), and so that a warm scan of an unchanged image needs no squashing. Keyed by the target's
 * absolute path ({@code path:...}) and by the content key of the squashed inventory
 * ({@code inventory:...}, see {@code Scanner.inventoryKey}).
 *
 * <p>Stored in a storage form of their own, not drydock's report JSON: packages are nested rather than
 * unwrapped, which Jackson reads about ten times faster (a warm scan of a 4,500-package image is mostly
 * this read).
 */
public final class Inventories {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The storage form; {@code format} guards against reading another layout. */
  record Stored(int format, int schemaVersion, String drydockVersion, String createdAt, Target target, OsInfo os,
      ImageConfig config, List<LayerInfo> layers, List<StoredPackage> packages, List<Fact.FileInfo> notableFiles,
      ScanStats stats, List<String> warnings, List<ExposedSecret> secrets, List<String> checksRun) {}

  record StoredPackage(String purl, Package pkg, int layerIndex, String layerDiffId, String createdBy,
      List<String> locations) {}

  /** 2: secrets and the check families that ran. */
  static final int FORMAT = 2;

  private Inventories() {}

  static String key(Path target) {
    return "path:" + target.toAbsolutePath().normalize();
  }

  /** Remembers the inventory (without findings other than secrets) of an image target. */
  static void store(LayerCache cache, Path target, ScanResult inventory) {
    cache.putScan(key(target), inventory.target().name(), encode(inventory));
  }

  /** Points {@code target}'s entry at an already stored inventory (a warm scan: nothing to encode). */
  static void storeCopy(LayerCache cache, Path target, String fromKey, String name) {
    cache.copyScan(fromKey, key(target), name);
  }

  /** Remembers a squashed inventory under its content key. */
  static void storeSquashed(LayerCache cache, String key, ScanResult inventory) {
    cache.putScan(key, inventory.target().name(), encode(inventory));
  }

  /** The stored inventory of {@code target}; the image itself is not opened (it may be gone). */
  public static Optional<ScanResult> load(Path cacheDir, Path target) {
    try (LayerCache cache = LayerCache.open(cacheDir)) {
      return cache.getScan(key(target)).map(Inventories::decode);
    }
  }

  /** Every stored image inventory, oldest first. */
  public static List<ScanResult> all(Path cacheDir) {
    List<ScanResult> out = new ArrayList<>();
    try (LayerCache cache = LayerCache.open(cacheDir)) {
      for (String k : cache.scanKeys()) {
        if (k.startsWith("path:")) {
          cache.getScan(k).map(Inventories::decode).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  static byte[] encode(ScanResult r) {
    List<StoredPackage> pkgs = new ArrayList<>(r.packages().size());
    for (InstalledPackage p : r.packages()) {
      pkgs.add(new StoredPackage(p.purl(), p.pkg(), p.layerIndex(), p.layerDiffId(), p.createdBy(), p.locations()));
    }
    try {
      return MAPPER.writeValueAsBytes(new Stored(FORMAT, r.schemaVersion(), r.drydockVersion(), r.createdAt(),
          r.target(), r.os(), r.config(), r.layers(), pkgs, r.notableFiles(), r.stats(), r.warnings(), r.secrets(),
          r.checksRun()));
    } catch (IOException e) {
      throw new DrydockException("cannot store an inventory: " + e.getMessage(), e);
    }
  }

  static ScanResult decode(byte[] json) {
    Stored s;
    try {
      s = MAPPER.readValue(json, Stored.class);
    } catch (IOException e) {
      throw new DrydockException("stored inventory is unreadable (clear the cache directory): " + e.getMessage(), e);
    }
    if (s.format() != FORMAT) {
      throw new DrydockException("stored inventory has format " + s.format() + " (clear the cache directory)");
    }
    List<InstalledPackage> pkgs = new ArrayList<>(s.packages().size());
    for (StoredPackage p : s.packages()) {
      pkgs.add(new InstalledPackage(p.purl(), p.pkg(), p.layerIndex(), p.layerDiffId(), p.createdBy(), p.locations()));
    }
    return ScanResult.builder().schemaVersion(s.schemaVersion()).drydockVersion(s.drydockVersion())
        .createdAt(s.createdAt()).target(s.target()).os(s.os()).config(s.config()).layers(s.layers()).packages(pkgs)
        .notableFiles(s.notableFiles()).secrets(s.secrets()).checksRun(s.checksRun()).stats(s.stats())
        .warnings(s.warnings()).build();
  }
}
