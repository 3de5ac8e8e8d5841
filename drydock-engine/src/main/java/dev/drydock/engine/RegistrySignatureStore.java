package dev.drydock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.registry.RegistryClient;
import dev.drydock.signing.Descriptor;
import dev.drydock.signing.SignatureStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SignatureStore} over one repository of a registry, through drydock-registry's {@link RegistryClient}
 * (credentials, TLS, mirrors, retries; every manifest and blob it reads is checked against its digest, and a
 * mismatch is an error, never a signature). It joins two sibling modules, so it lives in the engine.
 *
 * <ul>
 *   <li>Tags ({@code sha256-<hex>.sig}, the image's tag) are manifest GETs; a 404 is "no such tag".</li>
 *   <li>Referrers come from the OCI 1.1 referrers API ({@code GET /v2/<name>/referrers/<digest>}); a registry
 *       without it (404) is read through the referrers tag schema: the image index tagged {@code sha256-<hex>}
 *       lists the referrers (distribution-spec 1.1, "Referrers Tag Schema").</li>
 *   <li>A referrer written to a registry that does not answer its PUT with {@code OCI-Subject} is added to that
 *       index (read, extended, put back), as the spec asks of clients.</li>
 * </ul>
 */
final class RegistrySignatureStore implements SignatureStore {
  static final String OCI_INDEX = RegistryClient.OCI_INDEX;
  /** Largest signature payload or config blob read (cosign payloads are a few hundred bytes). */
  static final long MAX_BLOB = 4L << 20;
  /** Referrers read from one index at most. */
  static final int MAX_REFERRERS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClient client;
  private final String host;
  private final String repository;
  /** Manifests read so far, by digest (verified by the client), so a resolved tag is not fetched twice. */
  private final Map<String, byte[]> manifests = new HashMap<>();
  /** Digests known to name manifests (from tags and referrers): read through the manifest endpoint. */
  private final Set<String> manifestDigests = new HashSet<>();

  RegistrySignatureStore(RegistryClient client, String host, String repository) {
    this.client = client;
    this.host = host;
    this.repository = repository;
  }

  @Override
  public String location() {
    return host + "/" + repository;
  }

  /** The image {@code reference} (a tag or a digest) names, as a descriptor of its manifest or index. */
  Descriptor image(String reference) {
    RegistryClient.Document d = client.manifest(host, repository, reference);
    manifests.put(d.digest(), d.bytes());
    manifestDigests.add(d.digest());
    return new Descriptor(d.mediaType().isEmpty() ? RegistryClient.OCI_MANIFEST : d.mediaType(), d.digest(),
        d.bytes().length, null, Map.of());
  }

  /**
   * Whether the image {@code image} (from {@link #image}) is, or lists, the manifest {@code manifestDigest}: the
   * manifest itself, or one of the manifests of an index or manifest list (the platform a scan picked).
   */
  boolean covers(Descriptor image, String manifestDigest) {
    if (image.digest().equals(manifestDigest)) {
      return true;
    }
    byte[] bytes = manifests.get(image.digest());
    if (bytes == null) {
      return false;
    }
    try {
      for (JsonNode m : JSON.readTree(bytes).path("manifests")) {
        if (manifestDigest.equals(m.path("digest").asText())) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  @Override
  public Optional<Descriptor> resolve(String tag) {
    return client.findManifest(host, repository, tag).map(d -> {
      manifests.put(d.digest(), d.bytes());
      manifestDigests.add(d.digest());
      JsonNode n = d.json("manifest " + location() + ":" + tag);
      return new Descriptor(d.mediaType(), d.digest(), d.bytes().length, n.path("artifactType").asText(null),
          Map.of());
    });
  }

  @Override
  public Optional<byte[]> read(String digest) {
    if (!Descriptor.validDigest(digest)) {
      return Optional.empty();
    }
    byte[] known = manifests.get(digest);
    if (known != null) {
      return Optional.of(known);
    }
    if (manifestDigests.contains(digest)) {
      Optional<RegistryClient.Document> m = client.findManifest(host, repository, digest);
      m.ifPresent(d -> manifests.put(digest, d.bytes()));
      return m.map(RegistryClient.Document::bytes);
    }
    return client.findBlob(host, repository, digest, MAX_BLOB, "blob " + digest + " of " + location())
        .map(RegistryClient.Document::bytes);
  }

  @Override
  public List<Descriptor> referrers(String subjectDigest) {
    Optional<RegistryClient.Document> api = client.referrers(host, repository, subjectDigest);
    JsonNode index;
    if (api.isPresent()) {
      index = api.get().json("referrers of " + location() + "@" + subjectDigest);
    } else {
      Optional<RegistryClient.Document> tagged = client.findManifest(host, repository, referrersTag(subjectDigest));
      if (tagged.isEmpty()) {
        return List.of();
      }
      index = tagged.get().json("referrers index " + location() + ":" + referrersTag(subjectDigest));
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode m : index.path("manifests")) {
      String digest = m.path("digest").asText(null);
      if (!Descriptor.validDigest(digest) || out.size() >= MAX_REFERRERS) {
        continue;
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = m.path("annotations").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual()) {
          annotations.put(e.getKey(), e.getValue().asText());
        }
      }
      manifestDigests.add(digest);
      out.add(new Descriptor(m.path("mediaType").asText(RegistryClient.OCI_MANIFEST), digest,
          m.path("size").asLong(-1), m.path("artifactType").asText(null), annotations));
    }
    return out;
  }

  @Override
  public Descriptor writeBlob(byte[] bytes, String mediaType) {
    Descriptor d = Descriptor.of(mediaType, bytes);
    client.pushBlob(host, repository, bytes, "blob " + d.digest() + " of " + location());
    return d;
  }

  @Override
  public Descriptor writeManifest(byte[] bytes, String mediaType, String artifactType, String tag) {
    Descriptor d = Descriptor.of(mediaType, bytes);
    RegistryClient.PutManifest put = client.putManifest(host, repository, tag != null ? tag : d.digest(), bytes,
        mediaType);
    manifests.put(d.digest(), bytes);
    manifestDigests.add(d.digest());
    String subject = subjectOf(bytes);
    if (subject != null && put.subject() == null) {
      addToReferrersTag(subject, new Descriptor(mediaType, d.digest(), bytes.length, artifactType, Map.of()));
    }
    return new Descriptor(mediaType, d.digest(), bytes.length, artifactType,
        tag == null ? Map.of() : Map.of("org.opencontainers.image.ref.name", tag));
  }

  /** The referrers tag of a subject: {@code sha256-<hex>}. */
  static String referrersTag(String subjectDigest) {
    return subjectDigest.replace(':', '-');
  }

  private static String subjectOf(byte[] manifest) {
    try {
      String s = JSON.readTree(manifest).path("subject").path("digest").asText(null);
      return Descriptor.validDigest(s) ? s : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads the referrers index of {@code subject} (or starts one), adds {@code referrer}, and puts it back. */
  private void addToReferrersTag(String subject, Descriptor referrer) {
    String tag = referrersTag(subject);
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", OCI_INDEX);
    ArrayNode list = index.putArray("manifests");
    Optional<RegistryClient.Document> old = client.findManifest(host, repository, tag);
    if (old.isPresent()) {
      for (JsonNode m : old.get().json("referrers index " + location() + ":" + tag).path("manifests")) {
        if (!referrer.digest().equals(m.path("digest").asText())) {
          list.add(m);
        }
      }
    }
    ObjectNode entry = list.addObject();
    entry.put("mediaType", referrer.mediaType());
    entry.put("digest", referrer.digest());
    entry.put("size", referrer.size());
    if (referrer.artifactType() != null) {
      entry.put("artifactType", referrer.artifactType());
    }
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(index);
    } catch (IOException e) {
      throw new IllegalStateException("JSON trees always serialize", e);
    }
    // the index it replaces stays untagged in the registry (the spec allows deleting it; a reader may hold it)
    client.putManifest(host, repository, tag, bytes, OCI_INDEX);
  }
}
