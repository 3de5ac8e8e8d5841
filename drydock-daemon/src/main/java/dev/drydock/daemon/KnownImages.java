package dev.drydock.daemon;

import dev.drydock.image.Layer;
import dev.drydock.model.ImageConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller (the engine, from its stored inventories) already knows about an image by its config digest
 * (the image id a daemon reports): its config and its layers as an earlier scan read and verified them. When the
 * daemon holds an image drydock knows, the source answers with these and asks the daemon for the image's bytes
 * only if a layer has to be read after all (the Docker API exports whole images only, never one layer).
 */
@FunctionalInterface
public interface KnownImages {
  /** Nothing is known: every image is exported. */
  KnownImages NONE = configDigest -> Optional.empty();

  /** The image whose config has this digest ({@code sha256:<hex>}), if an earlier scan read it. */
  Optional<Known> find(String configDigest);

  /**
   * An image read before.
   *
   * @param config its config, exactly as that scan parsed it (not redacted)
   * @param layers its layers, base first, as that scan listed them (diffID, stored digest, size, command)
   * @param platform {@code os/arch[/variant]} that scan recorded, or null
   */
  record Known(ImageConfig config, List<Layer> layers, String platform) {
    public Known {
      Objects.requireNonNull(config, "config");
      layers = List.copyOf(layers);
    }
  }
}
