package dev.drydock.signing;

import java.util.List;
import java.util.Optional;

/**
 * Where images and their signatures are kept: the few operations signing and verification need, on digests
 * and tags only. {@link OciLayoutStore} reads and writes an OCI image layout directory; a registry store
 * implements the same operations over the distribution API (its tag list, {@code /referrers/<digest>},
 * blob and manifest GETs and PUTs), so {@link Cosign} never knows where the bytes come from. A store does not
 * need to check digests: {@link Cosign} checks every blob it reads against the digest that named it.
 */
public interface SignatureStore {

  /** What the store is, for messages (a directory, a registry repository). */
  String location();

  /** The descriptor of the manifest or index {@code tag} names, or empty when no such tag exists. */
  Optional<Descriptor> resolve(String tag);

  /** The bytes of the blob or manifest {@code digest} names, or empty when the store does not hold it. */
  Optional<byte[]> read(String digest);

  /**
   * The manifests whose {@code subject} is {@code subjectDigest} (OCI 1.1 referrers), each with its
   * {@code artifactType}; empty when there are none (or the store has no referrers).
   */
  List<Descriptor> referrers(String subjectDigest);

  /** Stores a blob (a no-op when the store already holds it) and returns its descriptor. */
  Descriptor writeBlob(byte[] bytes, String mediaType);

  /**
   * Stores a manifest and, when {@code tag} is not null, points {@code tag} at it (replacing what the tag named).
   * An untagged manifest with a subject is found again through {@link #referrers}.
   */
  Descriptor writeManifest(byte[] bytes, String mediaType, String artifactType, String tag);
}
