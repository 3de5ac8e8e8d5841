package dev.drydock.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.Digests;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Limits;
import dev.drydock.image.archive.RemoteImages;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens an image in a registry as an {@link ImageSource}: the manifest (through an index or manifest list,
 * picking {@code --platform}, else linux/amd64 or the only one) and the config are fetched and verified when it
 * is opened; each layer is fetched when it is walked, streamed from the socket through decompression and the
 * analyzers, and verified against its digest and diffID after its last byte. A layer the cache knows is never
 * walked, so never fetched ({@link ImageSource#contentAddressed()}).
 */
public final class RegistryImages {
  /** Largest image config accepted. */
  static final long MAX_CONFIG = 32L << 20;
  /** Levels of indexes followed. */
  static final int MAX_DEPTH = 2;

  private RegistryImages() {}

  /** The kind of results of registry targets. */
  public static final String KIND = "registry";

  /** A manifest chosen from a reference (and platform), verified. */
  public record Resolved(String digest, JsonNode manifest, String mediaType, String platform) {}

  public static ImageSource open(RegistryClient client, ImageReference ref, String platform, Limits limits)
      throws IOException {
    String host = ref.registry();
    String repo = ref.repository();
    String name = ref.toString();
    Resolved m = resolve(client, ref, platform);
    JsonNode config = m.manifest().path("config");
    String configDigest = config.path("digest").asText(null);
    String configType = config.path("mediaType").asText("");
    if (!Digests.isSha256(configDigest)) {
      throw new DrydockException(name + ": manifest " + m.digest() + " has no valid config digest");
    }
    if (!configType.isEmpty() && !configType.equals("application/vnd.oci.image.config.v1+json")
        && !configType.equals("application/vnd.docker.container.image.v1+json")) {
      throw new DrydockException(name + ": not a container image (config media type " + configType + ")");
    }
    long total = Math.max(0, config.path("size").asLong(0));
    for (JsonNode l : m.manifest().path("layers")) {
      total += Math.max(0, l.path("size").asLong(0));
    }
    long max = client.options().maxImageSize();
    if (total > max) {
      throw new DrydockException(name + ": the image is " + total + " bytes (config and compressed layers), more"
          + " than --max-image-size " + max);
    }
    byte[] cfg = cachedConfig(client.options().configCache(), configDigest);
    if (cfg == null) {
      cfg = client.blob(host, repo, configDigest, Math.min(MAX_CONFIG, config.path("size").asLong(MAX_CONFIG)),
          "config " + configDigest + " of " + name).bytes();
      keepConfig(client.options().configCache(), configDigest, cfg);
    }
    RemoteImages.BlobFetcher fetcher = (digest, size) -> client.blobStream(host, repo, digest, size,
        "blob " + digest + " of " + name);
    return RemoteImages.open(KIND, name, m.digest(), m.manifest(), cfg, List.of(name), fetcher, limits);
  }

  /** A config kept by an earlier scan, if its bytes still hash to its digest; else null. */
  static byte[] cachedConfig(java.nio.file.Path dir, String digest) {
    if (dir == null) {
      return null;
    }
    java.nio.file.Path f = dir.resolve(digest.replace(':', '-'));
    try {
      byte[] b = java.nio.file.Files.readAllBytes(f);
      return Digests.sha256(b).equals(digest) ? b : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Keeps a verified config (temp file, then rename: never half-written). Best effort. */
  static void keepConfig(java.nio.file.Path dir, String digest, byte[] bytes) {
    if (dir == null) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile(dir, "config-", ".tmp");
      try {
        java.nio.file.Files.write(tmp, bytes);
        java.nio.file.Files.move(tmp, dir.resolve(digest.replace(':', '-')),
            java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } finally {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the next scan fetches it again
    }
  }

  /** The image manifest {@code ref} names, through indexes, for {@code platform}. */
  public static Resolved resolve(RegistryClient client, ImageReference ref, String platform) {
    String reference = ref.digest() != null ? ref.digest().toString() : ref.tag();
    String name = ref.toString();
    RegistryClient.Document doc = client.manifest(ref.registry(), ref.repository(), reference);
    for (int depth = 0; ; depth++) {
      String type = doc.mediaType();
      JsonNode node = doc.json(name + ": manifest " + doc.digest());
      if (type.isEmpty()) {
        type = node.has("manifests") ? RegistryClient.OCI_INDEX : RegistryClient.OCI_MANIFEST;
      }
      if (type.equals(RegistryClient.OCI_MANIFEST) || type.equals(RegistryClient.DOCKER_MANIFEST)) {
        return new Resolved(doc.digest(), node, type, platform);
      }
      if (!type.equals(RegistryClient.OCI_INDEX) && !type.equals(RegistryClient.DOCKER_LIST)) {
        throw new DrydockException(name + ": unsupported manifest media type " + type
            + (type.contains("v1+") || type.contains("prettyjws") ? " (Docker schema 1 is not supported)" : ""));
      }
      if (depth >= MAX_DEPTH) {
        throw new DrydockException(name + ": image indexes nested more than " + MAX_DEPTH + " levels deep");
      }
      String chosen = choose(name, node, platform);
      doc = client.manifest(ref.registry(), ref.repository(), chosen);
    }
  }

  private static String choose(String name, JsonNode index, String requested) {
    List<String[]> candidates = new ArrayList<>(); // {digest, platform}
    for (JsonNode d : index.path("manifests")) {
      String digest = d.path("digest").asText(null);
      if (!Digests.isSha256(digest)) {
        continue;
      }
      JsonNode p = d.path("platform");
      String os = p.path("os").asText(null);
      String arch = p.path("architecture").asText(null);
      String variant = p.path("variant").asText("");
      String platform = os == null || arch == null ? null : os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
      if (platform != null && platform.startsWith("unknown/")) {
        continue; // attestations
      }
      candidates.add(new String[] {digest, platform});
    }
    if (candidates.isEmpty()) {
      throw new DrydockException(name + ": the index lists no image manifest");
    }
    String available = candidates.stream().map(c -> c[1] == null ? "unknown" : c[1]).distinct()
        .collect(Collectors.joining(", "));
    if (requested == null || requested.isBlank()) {
      if (candidates.size() == 1) {
        return candidates.get(0)[0];
      }
      for (String[] c : candidates) {
        if (matches(c[1], "linux/amd64")) {
          return c[0];
        }
      }
      throw new DrydockException(name + ": the index holds several platforms and none is linux/amd64; choose one"
          + " with --platform: " + available);
    }
    for (String[] c : candidates) {
      if (matches(c[1], requested)) {
        return c[0];
      }
    }
    throw new DrydockException(name + ": no image for platform " + requested + "; available: " + available);
  }

  /** {@link dev.drydock.model.targets.Platforms#matches}. */
  static boolean matches(String platform, String requested) {
    return dev.drydock.model.targets.Platforms.matches(platform, requested);
  }
}
