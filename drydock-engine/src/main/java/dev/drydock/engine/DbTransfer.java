package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.Digests;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ImageReference;
import dev.drydock.registry.RegistryClient;
import dev.drydock.vulndb.store.StoreBuilder;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The vulnerability store as an OCI artifact, for air-gapped networks: {@code db push} publishes
 * {@code vulndb.sqlite} as the one layer of an OCI image manifest with drydock's own media types (config
 * {@value #CONFIG_TYPE}, layer {@value #LAYER_TYPE}) under a tag that is the store's schema version unless one is
 * given; {@code db update --from} pulls it (tried in order, the first that works wins), verifies the manifest, the
 * config and the store file by digest, checks the schema, and swaps the file in atomically: the store pulled is
 * byte for byte the store pushed.
 */
final class DbTransfer {
  static final String CONFIG_TYPE = "application/vnd.drydock.vulndb.config.v1+json";
  static final String LAYER_TYPE = "application/vnd.drydock.vulndb.layer.v1.sqlite";
  static final String ARTIFACT_TYPE = "application/vnd.drydock.vulndb.v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private DbTransfer() {}

  /** The tag a reference means: its own, or the schema version when it names none ({@code latest}). */
  static String tag(ImageReference ref) {
    return ref.tag() == null || ref.tag().equals("latest") ? Integer.toString(StoreBuilder.schemaVersion()) : ref.tag();
  }

  /** The pushed artifact: where it went and its manifest digest. */
  record Pushed(String reference, String digest, long size) {}

  static Pushed push(Path cacheDir, Path scratch, ImageReference ref, RegistryAccess access) {
    Path store = VulnStore.storeFile(cacheDir);
    if (!VulnStore.isCurrent(cacheDir)) {
      throw new DrydockException("no vulnerability store of this drydock's schema at " + store
          + ": run 'drydock db update' or 'drydock db import' first");
    }
    if (ref.digest() != null) {
      throw new DrydockException("db push " + ref + ": push to a tag, not a digest");
    }
    RegistryClient client = new RegistryClient(access.options());
    String host = ref.registry();
    String repo = ref.repository();
    String tag = tag(ref);
    String layerDigest;
    long size;
    try {
      // a snapshot: builds write a new file and rename it over this one, so the bytes read are one store
      Files.createDirectories(scratch);
      Path snapshot = Files.createTempFile(scratch, "vulndb-push-", ".tmp");
      try {
        Files.copy(store, snapshot, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        size = Files.size(snapshot);
        layerDigest = client.pushBlob(host, repo, snapshot, "the store");
      } finally {
        Files.deleteIfExists(snapshot);
      }
    } catch (IOException e) {
      throw new DrydockException("cannot read " + store + ": " + e.getMessage(), e);
    }
    ObjectNode config = JSON.createObjectNode().put("schema", StoreBuilder.schemaVersion())
        .put("store", layerDigest).put("size", size).put("drydockVersion", Version.current());
    byte[] configBytes = bytes(config);
    String configDigest = client.pushBlob(host, repo, configBytes, "the store's config");
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", RegistryClient.OCI_MANIFEST).put("artifactType", ARTIFACT_TYPE);
    manifest.putObject("config").put("mediaType", CONFIG_TYPE).put("digest", configDigest)
        .put("size", configBytes.length);
    ObjectNode layer = manifest.putArray("layers").addObject().put("mediaType", LAYER_TYPE).put("digest", layerDigest)
        .put("size", size);
    layer.putObject("annotations").put("org.opencontainers.image.title", "vulndb.sqlite");
    byte[] manifestBytes = bytes(manifest);
    String digest = client.pushManifest(host, repo, tag, manifestBytes, RegistryClient.OCI_MANIFEST);
    return new Pushed(ref.name() + ":" + tag, digest, size);
  }

  /** What {@code db update --from} did: the reference that worked and the failures before it. */
  record Pulled(String reference, String digest, List<String> failures) {}

  static Pulled pull(Path cacheDir, Path scratch, List<ImageReference> refs, RegistryAccess access) {
    return pull(cacheDir, scratch, refs, access, List.of());
  }

  /**
   * @param verifyKeys cosign public keys: a source whose artifact carries no signature that verifies with one of them
   *     fails (checked before its store is downloaded); empty: verified by digest and schema only
   */
  static Pulled pull(Path cacheDir, Path scratch, List<ImageReference> refs, RegistryAccess access,
      List<Path> verifyKeys) {
    RegistryClient client = new RegistryClient(access.options());
    List<String> failures = new ArrayList<>();
    for (ImageReference ref : refs) {
      try {
        String digest = pullOne(client, cacheDir, scratch, ref, verifyKeys);
        return new Pulled(ref.toString(), digest, failures);
      } catch (DrydockException e) {
        failures.add(e.getMessage());
      }
    }
    throw new DrydockException(failures.size() == 1 ? failures.get(0)
        : "every source failed (" + String.join("; ", failures) + "); the vulnerability store is unchanged");
  }

  private static String pullOne(RegistryClient client, Path cacheDir, Path scratch, ImageReference ref,
      List<Path> verifyKeys) {
    String host = ref.registry();
    String repo = ref.repository();
    String reference = ref.digest() != null ? ref.digest().toString() : tag(ref);
    String name = ref.name() + (ref.digest() != null ? "@" : ":") + reference;
    RegistryClient.Document m = client.manifest(host, repo, reference);
    JsonNode manifest = m.json(name + ": manifest");
    JsonNode config = manifest.path("config");
    if (!CONFIG_TYPE.equals(config.path("mediaType").asText())) {
      throw new DrydockException(name + ": not a drydock vulnerability store (config media type "
          + config.path("mediaType").asText("none") + ")");
    }
    JsonNode layers = manifest.path("layers");
    if (layers.size() != 1 || !LAYER_TYPE.equals(layers.get(0).path("mediaType").asText())) {
      throw new DrydockException(name + ": not a drydock vulnerability store (expected one " + LAYER_TYPE + " layer)");
    }
    if (!verifyKeys.isEmpty()) {
      dev.drydock.signing.Verification v = Signing.verifyDigest(client, host, repo, m.digest(), verifyKeys);
      if (!v.verified()) {
        throw new DrydockException(name + ": signature not verified: " + v.reason());
      }
    }
    String configDigest = config.path("digest").asText();
    if (!Digests.isSha256(configDigest)) {
      throw new DrydockException(name + ": invalid config digest");
    }
    JsonNode cfg = client.blob(host, repo, configDigest, 1 << 20, name + ": config").json(name + ": config");
    int schema = cfg.path("schema").asInt(-1);
    if (schema != StoreBuilder.schemaVersion()) {
      throw new DrydockException(name + ": the store has schema " + schema + ", this drydock needs "
          + StoreBuilder.schemaVersion() + " (pull the tag " + StoreBuilder.schemaVersion() + ")");
    }
    String layerDigest = layers.get(0).path("digest").asText();
    long size = layers.get(0).path("size").asLong(-1);
    if (!Digests.isSha256(layerDigest) || !layerDigest.equals(cfg.path("store").asText())) {
      throw new DrydockException(name + ": the manifest's layer and the config's store digest differ");
    }
    Path file;
    try {
      Files.createDirectories(scratch);
      file = Files.createTempFile(scratch, "vulndb-pull-", ".tmp");
    } catch (IOException e) {
      throw new DrydockException("cannot create a temporary file in " + scratch + ": " + e.getMessage(), e);
    }
    try {
      MessageDigest md = Digests.newSha256();
      try (InputStream in = client.blobStream(host, repo, layerDigest, size, name + ": store " + layerDigest);
          OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) >= 0) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      String got = Digests.format(md.digest());
      if (!got.equals(layerDigest)) {
        throw new DrydockException(name + ": store blob digest mismatch: expected " + layerDigest + ", got " + got);
      }
      try (StoreBuilder b = StoreBuilder.openFresh(cacheDir)) {
        b.installFrom(file);
      }
      return m.digest();
    } catch (IOException e) {
      throw new DrydockException(name + ": cannot write the store: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // inside the scratch directory, removed with it
      }
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
