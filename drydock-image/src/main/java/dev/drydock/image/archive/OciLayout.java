package dev.drydock.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.Layer;
import dev.drydock.image.SourceOptions;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** OCI image layout (directory or tar): index.json, possibly nested indexes, then one image manifest. */
final class OciLayout {
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final Set<String> LAYER_TYPES = Set.of(
      "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+gzip",
      "application/vnd.oci.image.layer.v1.tar+zstd",
      "application/vnd.oci.image.layer.nondistributable.v1.tar",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
      "application/vnd.docker.image.rootfs.diff.tar",
      "application/vnd.docker.image.rootfs.diff.tar.gzip");
  /** Most levels of indexes below index.json (Docker and containerd write one or two). */
  static final int MAX_DEPTH = 4;
  /** Most manifest descriptors read across index.json and every nested index, in total. */
  static final int MAX_DESCRIPTORS = 1_000;

  private final Set<String> expanded = new java.util.HashSet<>();
  private int descriptors;

  private final Blobs blobs;
  private final String name;

  private OciLayout(Blobs blobs, String name) {
    this.blobs = blobs;
    this.name = name;
  }

  /** An image manifest reachable from index.json, with the platform its index (or config) declares. */
  private record Candidate(String digest, String platform, List<String> tags) {}

  static ArchiveImageSource open(Blobs blobs, String name, String kind, SourceOptions options, Path tempFile)
      throws IOException {
    return open(blobs, name, kind, options, tempFile, null);
  }

  /** @param tag only the images index.json tags so ({@code org.opencontainers.image.ref.name}); null: all */
  static ArchiveImageSource open(Blobs blobs, String name, String kind, SourceOptions options, Path tempFile,
      String tag) throws IOException {
    return new OciLayout(blobs, name).open(kind, options, tempFile, tag);
  }

  private ArchiveImageSource open(String kind, SourceOptions options, Path tempFile, String tag) throws IOException {
    JsonNode index = Json.read(blobs, "index.json", null, "index", name).node();
    Map<String, Candidate> found = new LinkedHashMap<>();
    collect(index, List.of(), 0, found);
    if (found.isEmpty()) {
      throw new DrydockException(name + ": index.json references no image manifest");
    }
    if (tag != null) {
      java.util.Set<String> present = new java.util.TreeSet<>();
      found.values().forEach(c -> present.addAll(c.tags()));
      found.values().removeIf(c -> !c.tags().contains(tag));
      if (found.isEmpty()) {
        throw new DrydockException(name + ": no image tagged '" + tag + "' in index.json (tags present: "
            + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (Candidate c : found.values()) {
      candidates.add(c.platform() != null ? c : new Candidate(c.digest(), platformFromConfig(c.digest()), c.tags()));
    }
    Candidate chosen = choose(candidates, options.platform());

    JsonNode manifest = Json.read(blobs, blobName(chosen.digest()), chosen.digest(), "manifest", name).node();
    JsonNode configDesc = manifest.path("config");
    String configDigest = Json.text(configDesc, "digest");
    Json.Doc configDoc = Json.read(blobs, blobName(configDigest), configDigest, "config", name);
    ConfigParser.Parsed config = ConfigParser.parse(configDoc.node(), name + ": config " + configDigest);
    JsonNode layerDescs = manifest.path("layers");
    if (layerDescs.size() != config.diffIds().size()) {
      throw new DrydockException(name + ": manifest " + chosen.digest() + " lists " + layerDescs.size()
          + " layers but the config has " + config.diffIds().size() + " diff_ids");
    }
    List<String> createdBy = config.createdBy(layerDescs.size());
    List<LayerRef> refs = new ArrayList<>();
    for (int i = 0; i < layerDescs.size(); i++) {
      JsonNode d = layerDescs.get(i);
      String digest = Json.text(d, "digest");
      String mediaType = Json.text(d, "mediaType");
      Layer layer = new Layer(i, config.diffIds().get(i), digest, mediaType, d.path("size").asLong(-1), createdBy.get(i));
      if (mediaType == null || !LAYER_TYPES.contains(mediaType)) {
        throw ArchiveImageSource.bad(name, layer, "unsupported layer media type " + mediaType);
      }
      String blob = blobName(digest);
      if (!blobs.has(blob)) {
        throw ArchiveImageSource.bad(name, layer, "missing blob " + blob);
      }
      refs.add(new LayerRef(layer, blob, digest));
    }
    String platform = config.platform() != null ? config.platform() : chosen.platform();
    Target target = new Target(kind, name, chosen.digest(), configDoc.digest(), chosen.tags(), platform);
    return new ArchiveImageSource(target, config.config(), refs, blobs, options.limits(), tempFile);
  }

  private void collect(JsonNode index, List<String> tags, int depth, Map<String, Candidate> out) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new DrydockException(name + ": image indexes nested more than " + MAX_DEPTH + " levels deep");
    }
    for (JsonNode d : index.path("manifests")) {
      if (++descriptors > MAX_DESCRIPTORS) {
        throw new DrydockException(name + ": image indexes list more than " + MAX_DESCRIPTORS + " manifests");
      }
      String digest = Json.text(d, "digest");
      if (digest == null) {
        continue;
      }
      if (depth == 0 && isSignatureArtifact(d)) {
        continue; // cosign's sha256-<hex>.sig/.att/.sbom tags and OCI 1.1 referrers (artifactType) are not images
      }
      List<String> descTags = depth == 0 ? tagsOf(d) : tags;
      String mediaType = Json.text(d, "mediaType");
      JsonNode body = null;
      if (mediaType == null) {
        body = Json.read(blobs, blobName(digest), digest, "manifest", name).node();
        mediaType = Json.text(body, "mediaType");
        if (mediaType == null) {
          mediaType = body.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
        }
      }
      if (mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST)) {
        if (!expanded.add(digest)) {
          continue; // an index listed twice (or inside itself) is read once
        }
        if (body == null) {
          body = Json.read(blobs, blobName(digest), digest, "index", name).node();
        }
        collect(body, descTags, depth + 1, out);
      } else if (mediaType.equals(OCI_MANIFEST) || mediaType.equals(DOCKER_MANIFEST)) {
        String platform = platformOf(d.get("platform"));
        if (platform != null && platform.startsWith("unknown/")) {
          continue; // attestation manifests and other non-runnable entries
        }
        out.putIfAbsent(digest, new Candidate(digest, platform, descTags));
      }
    }
  }

  /** Signatures, attestations and SBOMs kept beside the image (docs/signing.md), not images to scan. */
  private static boolean isSignatureArtifact(JsonNode descriptor) {
    if (Json.text(descriptor, "artifactType") != null) {
      return true;
    }
    String ref = Json.text(descriptor.path("annotations"), "org.opencontainers.image.ref.name");
    return ref != null && ref.matches("(.*:)?sha256-[0-9a-f]{64}\\.(sig|att|sbom)");
  }

  private static List<String> tagsOf(JsonNode descriptor) {
    JsonNode ann = descriptor.path("annotations");
    String full = Json.text(ann, "io.containerd.image.name");
    if (full != null) {
      return List.of(full);
    }
    String ref = Json.text(ann, "org.opencontainers.image.ref.name");
    return ref == null ? List.of() : List.of(ref);
  }

  private static String platformOf(JsonNode p) {
    if (p == null || !p.isObject()) {
      return null;
    }
    String os = Json.text(p, "os");
    String arch = Json.text(p, "architecture");
    String variant = Json.text(p, "variant");
    if (os == null || arch == null) {
      return null;
    }
    return os + "/" + arch + (variant == null || variant.isEmpty() ? "" : "/" + variant);
  }

  private String platformFromConfig(String manifestDigest) throws IOException {
    JsonNode manifest = Json.read(blobs, blobName(manifestDigest), manifestDigest, "manifest", name).node();
    String configDigest = Json.text(manifest.path("config"), "digest");
    JsonNode config = Json.read(blobs, blobName(configDigest), configDigest, "config", name).node();
    return platformOf(config);
  }

  private Candidate choose(List<Candidate> candidates, String requested) {
    String available = candidates.stream()
        .map(c -> c.platform() == null ? "unknown" : c.platform())
        .distinct()
        .collect(Collectors.joining(", "));
    if (requested == null || requested.isBlank()) {
      if (candidates.size() == 1) {
        return candidates.get(0);
      }
      for (Candidate c : candidates) {
        if (matches(c.platform(), "linux/amd64")) {
          return c;
        }
      }
      throw new DrydockException(name + ": the index holds several platforms and none is linux/amd64; "
          + "choose one of: " + available);
    }
    for (Candidate c : candidates) {
      if (matches(c.platform(), requested)) {
        return c;
      }
    }
    throw new DrydockException(name + ": no image for platform " + requested + "; available: " + available);
  }

  /** {@link dev.drydock.model.targets.Platforms#matches}. */
  static boolean matches(String platform, String requested) {
    return dev.drydock.model.targets.Platforms.matches(platform, requested);
  }

  private String blobName(String digest) {
    if (digest == null || !digest.matches("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")) {
      throw new DrydockException(name + ": invalid digest " + digest);
    }
    if (!digest.startsWith("sha256:")) {
      throw new DrydockException(name + ": unsupported digest algorithm in " + digest);
    }
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }
}
