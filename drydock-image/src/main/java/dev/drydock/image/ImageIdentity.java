package dev.drydock.image;

import java.util.Objects;

/**
 * What identifies an image whatever file or directory holds it: the sha256 of its config (the image id,
 * which names every layer's diffID) and, when the format has one (OCI layouts and archives), the sha256 of
 * the manifest chosen. Both are digests of the bytes the source read and verified when it was opened, so
 * finding an image's identity costs no more than opening it (the layers are not read).
 *
 * @param configDigest {@code sha256:<hex>} of the config
 * @param manifestDigest {@code sha256:<hex>} of the manifest, or null (docker-archive has none)
 */
public record ImageIdentity(String configDigest, String manifestDigest) {
  public ImageIdentity {
    Objects.requireNonNull(configDigest, "configDigest");
  }

  /** A stable key for stores: {@code image:<config digest>} and, if known, {@code @<manifest digest>}. */
  public String key() {
    return "image:" + configDigest + (manifestDigest == null ? "" : "@" + manifestDigest);
  }
}
