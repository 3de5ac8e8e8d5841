package dev.drydock.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.engine.cache.InventoryStore;
import dev.drydock.image.ImageIdentity;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inventories of scanned images kept in the cache ({@code cache.sqlite}, table {@code scans}), so that a
 * new vulnerability store can be matched against them without reading any image (Clair's notifier
 * model), and so that a warm scan of an unchanged image needs no squashing. Keyed by the image's identity
 * ({@code image:<config digest>[@<manifest digest>]}, {@link ImageIdentity}; table {@code image_paths} says which
 * image was last scanned at which path) and by the content key of the squashed inventory
 * ({@code inventory:...}, see {@code Scanner.inventoryKey}); caches written before schema 2 keyed them by the
 * target's absolute path ({@code path:...}), which is still read.
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

  /** 2: secrets and the check families that ran; 3: packages' dependency edges ({@code dependsOn}). */
  static final int FORMAT = 3;

  private Inventories() {}

  /** The key inventories had before cache schema 2 (the absolute path scanned); read, no longer written. */
  static String key(Path target) {
    return "path:" + absolute(target);
  }

  private static String absolute(Path target) {
    return target.toAbsolutePath().normalize().toString();
  }

  /**
   * Remembers the inventory (without findings other than secrets) of an image target under its identity, and
   * that this image is the one at {@code target}.
   */
  /**
   * Where an image was scanned, as stored inventories remember it: the absolute path of a local target, or
   * {@code registry:<normalised reference>} for an image in a registry.
   */
  record Place(String key, Path path) {}

  static Place place(dev.drydock.model.targets.ScanTarget typed, Path target) {
    if (typed instanceof dev.drydock.model.targets.ScanTarget.RegistryImage r) {
      return new Place(typed.kind() + ":" + r.reference(), null);
    }
    if (typed instanceof dev.drydock.model.targets.ScanTarget.DaemonImage) {
      return null; // no place: found again by the image id the daemon reports (StoredImages)
    }
    if (typed instanceof dev.drydock.model.targets.ScanTarget.OciLayout o && o.tag() != null) {
      return new Place(absolute(target) + ":" + o.tag(), target); // each tag of a layout is its own image
    }
    return new Place(absolute(target), target);
  }

  static void store(InventoryStore store, Place target, ImageIdentity identity, ScanResult inventory) {
    store.putScan(identity.key(), inventory.target().name(), encode(inventory));
    atPath(store, target, identity);
  }

  /** Points {@code target}'s image at an already stored inventory (a warm scan: nothing to encode). */
  static void storeCopy(InventoryStore store, Place target, ImageIdentity identity, String fromKey, String name) {
    store.copyScan(fromKey, identity.key(), name);
    atPath(store, target, identity);
  }

  private static void atPath(InventoryStore store, Place target, ImageIdentity identity) {
    if (target == null) {
      return; // an image read from a daemon: no place to remember it at (its config digest finds it)
    }
    String path = target.key();
    if (!store.imageKeyAt(path).filter(identity.key()::equals).isPresent()) { // a warm rescan reads, not writes
      store.putImagePath(path, identity.key());
      if (target.path() != null) {
        store.removeScan(key(target.path())); // the entry an older drydock kept for this path, superseded
      }
    }
  }

  /**
   * The stored inventory of a registry image: the one stored for what the reference names now (its manifest and
   * config are fetched, no layer), else, when the registry cannot be asked, the one last scanned by that reference.
   *
   * @param identify fetches the image's identity and target; may throw when the registry is unreachable
   */
  static Optional<ScanResult> findRegistry(InventoryStore store, Place place,
      java.util.function.Supplier<java.util.Map.Entry<ImageIdentity, Target>> identify, List<String> warnings) {
    java.util.Map.Entry<ImageIdentity, Target> now;
    try {
      now = identify.get();
    } catch (DrydockException e) {
      Optional<ScanResult> last = store.imageKeyAt(place.key()).flatMap(store::getScan).map(b -> decode(b, null));
      if (last.isPresent()) {
        warnings.add("the registry could not be asked what " + place.key() + " names now (" + e.getMessage()
            + "): the inventory of the image last scanned by that reference");
      }
      return last;
    }
    return store.getScan(now.getKey().key()).map(b -> decode(b, now.getValue()));
  }

  /** Remembers a squashed inventory under its content key. */
  static void storeSquashed(InventoryStore store, String key, ScanResult inventory) {
    store.putScan(key, inventory.target().name(), encode(inventory));
  }

  /** The stored inventory of {@code target} ({@link #find}), from the stores in {@code cacheDir}. */
  public static Optional<ScanResult> load(Path cacheDir, Path target) {
    try (Stores stores = Stores.sqlite(cacheDir)) {
      return find(stores.inventories(), target, cacheDir.resolve("tmp"));
    }
  }

  /**
   * The stored inventory of {@code target}, without reading its layers. When a file or directory exists at
   * {@code target}, only its manifest and config are read: the inventory stored for that image's identity is
   * the answer, wherever the image was scanned (an image moved since keeps its inventory; another image now at
   * the old path does not get it). When nothing exists there (the image is gone), the inventory of the image
   * last scanned at that path.
   *
   * @param scratch where opening a gzip'd archive may spill its tar (inside the cache directory)
   */
  static Optional<ScanResult> find(InventoryStore store, Path target, Path scratch) {
    if (!Files.exists(target)) {
      return lastScannedAt(store, target);
    }
    Optional<ScanResult> found = identified(store, target, scratch, null);
    if (found.isPresent()) {
      return found;
    }
    // a multi-platform index scanned with --platform: its identity is that platform's manifest, so ask for the
    // platform of the image last scanned here (and accept only what that image is now)
    String platform = lastScannedAt(store, target).map(r -> r.target().platform()).orElse(null);
    if (platform == null) {
      return Optional.empty();
    }
    try {
      return identified(store, target, scratch, platform);
    } catch (DrydockException e) {
      return Optional.empty(); // not an index with that platform (any more)
    }
  }

  private static Optional<ScanResult> lastScannedAt(InventoryStore store, Path target) {
    Optional<String> imageKey = store.imageKeyAt(absolute(target));
    Optional<byte[]> stored = imageKey.isPresent() ? store.getScan(imageKey.get()) : store.getScan(key(target));
    return stored.map(b -> decode(b, null));
  }

  /** The inventory stored for the identity of the image at {@code target} (read for {@code platform}). */
  private static Optional<ScanResult> identified(InventoryStore store, Path target, Path scratch, String platform) {
    ImageIdentity identity;
    Target here;
    try (ImageSource source = Sources.open(target, new SourceOptions(platform, Limits.DEFAULT, scratch))) {
      identity = source.identity().orElse(null);
      here = source.target();
    } catch (IOException e) {
      throw new DrydockException(target + ": " + e.getMessage(), e);
    }
    if (identity == null) {
      return Optional.empty(); // a directory: no inventory is kept for those
    }
    Optional<byte[]> stored = store.getScan(identity.key());
    if (stored.isPresent()) {
      ScanResult r = decode(stored.get(), null);
      // scanned under another name (moved, or scanned elsewhere last): name the image where it is now
      return Optional.of(samePlace(r.target().name(), target) ? r : decode(stored.get(), here));
    }
    // kept by an older drydock under the path: only if it is this image
    return store.getScan(key(target)).map(b -> decode(b, null))
        .filter(r -> identity.equals(new ImageIdentity(String.valueOf(r.target().configDigest()),
            r.target().manifestDigest())));
  }

  private static boolean samePlace(String name, Path target) {
    try {
      return absolute(Path.of(name)).equals(absolute(target));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** Every stored image inventory, oldest first (one per image). */
  public static List<ScanResult> all(Path cacheDir) {
    try (Stores stores = Stores.sqlite(cacheDir)) {
      return all(stores.inventories());
    }
  }

  static List<ScanResult> all(InventoryStore store) {
    java.util.Map<String, ScanResult> byImage = new java.util.LinkedHashMap<>();
    for (String k : store.scanKeys()) {
      if (k.startsWith("image:") || k.startsWith("path:")) {
        store.getScan(k).map(b -> decode(b, null)).ifPresent(r -> byImage.put(
            r.target().configDigest() == null ? k : r.target().configDigest() + "@" + r.target().manifestDigest(), r));
      }
    }
    return new ArrayList<>(byImage.values());
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
    return decode(json, null);
  }

  /** @param target the target to report instead of the stored one, or null */
  static ScanResult decode(byte[] json, Target target) {
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
        .createdAt(s.createdAt()).target(target != null ? target : s.target()).os(s.os()).config(s.config()).layers(s.layers()).packages(pkgs)
        .notableFiles(s.notableFiles()).secrets(s.secrets()).checksRun(s.checksRun()).stats(s.stats())
        .warnings(s.warnings()).build();
  }
}
