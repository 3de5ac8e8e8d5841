package dev.drydock.signing;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI content descriptor: what a manifest, an index or a store says about one blob.
 *
 * @param mediaType the blob's media type
 * @param digest {@code sha256:<64 hex>}
 * @param size its size in bytes
 * @param artifactType the artifact type (OCI 1.1 referrers), or null
 * @param annotations its annotations (never null)
 */
public record Descriptor(String mediaType, String digest, long size, String artifactType,
    Map<String, String> annotations) {
  /** The only digest form drydock reads or writes (also what keeps a digest from naming a path outside blobs/). */
  static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public Descriptor {
    Objects.requireNonNull(digest, "digest");
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The descriptor of {@code bytes} with this media type. */
  public static Descriptor of(String mediaType, byte[] bytes) {
    return new Descriptor(mediaType, Sha256.digest(bytes), bytes.length, null, Map.of());
  }

  /** Whether {@code digest} has the form {@code sha256:<64 lower-case hex>}. */
  public static boolean validDigest(String digest) {
    return digest != null && SHA256.matcher(digest).matches();
  }
}
