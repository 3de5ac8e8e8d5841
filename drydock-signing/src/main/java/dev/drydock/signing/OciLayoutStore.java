package dev.drydock.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image layout directory (image-spec {@code image-layout.md}: {@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/<hex>}), what {@code skopeo copy ... oci:DIR:TAG} and {@code cosign save} write. Tags are
 * the {@code org.opencontainers.image.ref.name} annotations of {@code index.json}'s manifests. Blobs and
 * {@code index.json} are written to a temporary file beside their place and renamed into it, so a reader never
 * sees half a file. Referrers are the manifests listed in {@code index.json} whose {@code subject} names the
 * digest (the layout has no referrers API; this is how {@code oras} and cosign keep them in a layout).
 */
public final class OciLayoutStore implements SignatureStore {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** A manifest larger than this is not a manifest (the distribution spec's registries cap them at 4 MiB). */
  static final long MAX_MANIFEST = 4L * 1024 * 1024;
  /** Manifests of index.json read when looking for referrers. */
  static final int MAX_INDEX_ENTRIES = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private ObjectNode index;

  private OciLayoutStore(Path dir, ObjectNode index) {
    this.dir = dir;
    this.index = index;
  }

  /**
   * Opens the layout at {@code dir}.
   *
   * @throws DrydockException when {@code dir} is not a readable OCI layout (one line naming the file)
   */
  public static OciLayoutStore open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DrydockException(dir + ": not a directory (expected an OCI image layout)");
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
      throw new DrydockException(dir + ": not an OCI image layout (no oci-layout file)");
    }
    return new OciLayoutStore(dir, readIndex(dir));
  }

  private static ObjectNode readIndex(Path dir) {
    Path file = dir.resolve("index.json");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new DrydockException(file + ": missing or not a regular file (expected the layout's index)");
    }
    try {
      if (Files.size(file) > MAX_MANIFEST) {
        throw new DrydockException(file + ": larger than " + MAX_MANIFEST + " bytes (expected an image index)");
      }
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || !node.isObject() || !(node.path("manifests").isArray() || node.path("manifests").isMissingNode())) {
        throw new DrydockException(file + ": not an image index (expected a JSON object with a manifests list)");
      }
      ObjectNode o = (ObjectNode) node;
      if (o.path("manifests").isMissingNode()) {
        o.putArray("manifests");
      }
      return o;
    } catch (JsonProcessingException e) {
      throw new DrydockException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }

  /** The directory of this layout. */
  public Path dir() {
    return dir;
  }

  /** The manifests {@code index.json} lists, in its order. */
  public List<Descriptor> manifests() {
    List<Descriptor> out = new ArrayList<>();
    int i = 0;
    for (JsonNode m : index.path("manifests")) {
      out.add(descriptor(m, dir.resolve("index.json") + ": manifests[" + i++ + "]"));
    }
    return out;
  }

  /**
   * The image {@code tag} names, or, with a null tag, the one image the layout holds besides signatures
   * (entries tagged {@code *.sig}, {@code *.att}, {@code *.sbom} and untagged referrers are not images).
   *
   * @throws DrydockException when the tag is not in the layout, or no tag was given and the layout holds no
   *     image or several
   */
  public Descriptor image(String tag) {
    if (tag != null) {
      return resolve(tag).orElseThrow(() -> new DrydockException(dir + ": no image tagged '" + tag
          + "' (tags: " + String.join(", ", tags()) + ")"));
    }
    List<Descriptor> images = new ArrayList<>();
    for (Descriptor d : manifests()) {
      String ref = d.annotations().get(REF_NAME);
      boolean signatureTag = ref != null && (ref.endsWith(".sig") || ref.endsWith(".att") || ref.endsWith(".sbom"));
      if (!signatureTag && d.artifactType() == null && !isReferrer(d)) {
        images.add(d);
      }
    }
    if (images.size() == 1) {
      return images.get(0);
    }
    throw new DrydockException(dir + ": " + (images.isEmpty() ? "holds no image" : "holds " + images.size()
        + " images; name one as oci-dir:" + dir + ":TAG (tags: " + String.join(", ", tags()) + ")"));
  }

  private boolean isReferrer(Descriptor d) {
    return read(d.digest()).map(b -> {
      try {
        return JSON.readTree(b).has("subject");
      } catch (IOException e) {
        return false;
      }
    }).orElse(false);
  }

  /** The tags of the layout, in index order. */
  public List<String> tags() {
    List<String> tags = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      String ref = m.path("annotations").path(REF_NAME).asText(null);
      if (ref != null) {
        tags.add(ref);
      }
    }
    return tags;
  }

  @Override
  public Optional<Descriptor> resolve(String tag) {
    Descriptor found = null;
    for (Descriptor d : manifests()) {
      String ref = d.annotations().get(REF_NAME);
      // skopeo writes the tag, some tools the whole reference (host/repo:tag)
      if (ref != null && (ref.equals(tag) || ref.endsWith(":" + tag) && !ref.endsWith("@" + tag))) {
        found = d; // the last entry wins, as a re-tag appends
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public Optional<byte[]> read(String digest) {
    Path blob = blob(digest);
    if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(blob)) {
      byte[] bytes = in.readNBytes((int) MAX_MANIFEST + 1);
      if (bytes.length > MAX_MANIFEST) {
        throw new DrydockException(blob + ": larger than " + MAX_MANIFEST
            + " bytes (signatures read only manifests, configs and payloads)");
      }
      return Optional.of(bytes);
    } catch (IOException e) {
      throw new DrydockException(blob + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public List<Descriptor> referrers(String subjectDigest) {
    List<Descriptor> out = new ArrayList<>();
    int seen = 0;
    for (Descriptor d : manifests()) {
      if (++seen > MAX_INDEX_ENTRIES) {
        break;
      }
      if (d.mediaType() != null && !d.mediaType().equals(Cosign.OCI_MANIFEST)) {
        continue;
      }
      Optional<byte[]> bytes = read(d.digest());
      if (bytes.isEmpty()) {
        continue;
      }
      JsonNode m;
      try {
        m = JSON.readTree(bytes.get());
      } catch (IOException e) {
        continue; // not JSON: not a referrer (verification reads only what it can judge)
      }
      if (m != null && subjectDigest.equals(m.path("subject").path("digest").asText(null))) {
        String artifactType = m.path("artifactType").asText(null);
        if (artifactType == null) {
          artifactType = m.path("config").path("mediaType").asText(null);
        }
        out.add(new Descriptor(d.mediaType(), d.digest(), d.size(), artifactType, d.annotations()));
      }
    }
    return out;
  }

  @Override
  public Descriptor writeBlob(byte[] bytes, String mediaType) {
    Descriptor d = Descriptor.of(mediaType, bytes);
    Path target = blob(d.digest());
    try {
      if (Files.isRegularFile(target) && Files.size(target) == bytes.length
          && Sha256.digest(Files.readAllBytes(target)).equals(d.digest())) {
        return d;
      }
      Files.createDirectories(target.getParent());
      atomicWrite(target, bytes);
      return d;
    } catch (IOException e) {
      throw new DrydockException(target + ": cannot write (" + e.getMessage() + ")");
    }
  }

  @Override
  public synchronized Descriptor writeManifest(byte[] bytes, String mediaType, String artifactType, String tag) {
    Descriptor written = writeBlob(bytes, mediaType);
    ObjectNode fresh = readIndex(dir); // what another writer changed since open is kept
    ArrayNode manifests = (ArrayNode) fresh.get("manifests");
    for (Iterator<JsonNode> it = manifests.elements(); it.hasNext(); ) {
      JsonNode m = it.next();
      boolean sameTag = tag != null && tag.equals(m.path("annotations").path(REF_NAME).asText(null));
      boolean sameUntagged = tag == null && written.digest().equals(m.path("digest").asText(null));
      if (sameTag || sameUntagged) {
        it.remove();
      }
    }
    ObjectNode entry = manifests.addObject();
    entry.put("mediaType", mediaType);
    entry.put("digest", written.digest());
    entry.put("size", written.size());
    if (artifactType != null) {
      entry.put("artifactType", artifactType);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (tag != null) {
      annotations.put(REF_NAME, tag);
      entry.putObject("annotations").put(REF_NAME, tag);
    }
    Path file = dir.resolve("index.json");
    try {
      atomicWrite(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(fresh));
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot write (" + e.getMessage() + ")");
    }
    index = fresh;
    return new Descriptor(mediaType, written.digest(), written.size(), artifactType, annotations);
  }

  private Path blob(String digest) {
    if (!Descriptor.validDigest(digest)) {
      throw new DrydockException(dir + ": unsupported digest '" + digest + "' (expected sha256:<64 hex digits>)");
    }
    return dir.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
  }

  private static Descriptor descriptor(JsonNode m, String where) {
    String digest = m.path("digest").asText(null);
    if (!Descriptor.validDigest(digest)) {
      throw new DrydockException(where + ": digest '" + digest + "' (expected sha256:<64 hex digits>)");
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    m.path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return new Descriptor(m.path("mediaType").asText(null), digest, m.path("size").asLong(-1),
        m.path("artifactType").asText(null), annotations);
  }

  /** Writes {@code bytes} to a temporary file beside {@code target} and renames it into place. */
  static void atomicWrite(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
