package dev.drydock.engine;

import dev.drydock.daemon.KnownImages;
import dev.drydock.engine.cache.InventoryStore;
import dev.drydock.image.ImageIdentity;
import dev.drydock.image.Layer;
import dev.drydock.model.DrydockException;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images the stored inventories know, by config digest, as drydock-daemon asks for them: the config and the
 * layer list an earlier scan of this drydock version read and verified (stored under the image's identity,
 * {@code image:<config digest>}, the key a {@code docker save} archive of the same image has too). With them a
 * daemon image whose every layer's facts are cached is scanned without exporting it from the daemon.
 *
 * <p>Not used (the daemon exports the image) when the stored inventory was written by another drydock version
 * (what a config or layer list holds may differ), has another storage format, or found secrets in the image config
 * (its stored config and commands are then redacted, and the config's secrets must be found again in the original).
 */
final class StoredImages implements KnownImages {
  private final InventoryStore store;

  StoredImages(InventoryStore store) {
    this.store = store;
  }

  @Override
  public Optional<Known> find(String configDigest) {
    Optional<byte[]> stored = store.getScan(new ImageIdentity(configDigest, null).key());
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    ScanResult r;
    try {
      r = Inventories.decode(stored.get());
    } catch (DrydockException e) {
      return Optional.empty(); // another storage format: read the image
    }
    if (r.config() == null || r.layers().isEmpty() || !Version.current().equals(r.drydockVersion())
        || !configDigest.equals(r.target().configDigest())
        || r.secrets().stream().anyMatch(s -> s.path().equals(ConfigRedaction.ENV)
            || s.path().equals(ConfigRedaction.HISTORY))) {
      return Optional.empty();
    }
    List<Layer> layers = new ArrayList<>();
    for (LayerInfo l : r.layers()) {
      if (l.index() != layers.size() || l.diffId() == null) {
        return Optional.empty();
      }
      layers.add(new Layer(l.index(), l.diffId(), l.digest(), l.mediaType(), l.size(), l.createdBy()));
    }
    return Optional.of(new Known(r.config(), layers, r.target().platform()));
  }
}
