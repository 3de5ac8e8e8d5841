package dev.drydock.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.image.BlobOrigin;
import dev.drydock.image.Digests;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Images whose manifest and config were fetched and verified elsewhere (a registry client) and whose layer
 * blobs are fetched by digest when walked: each layer streams from {@link BlobFetcher} through the same
 * one-pass walker as archives (decompression, limits, stored digest and diffID verified after the last entry).
 */
public final class RemoteImages {
  private RemoteImages() {}

  /** Opens a layer blob by its digest, as a stream of its stored bytes. */
  @FunctionalInterface
  public interface BlobFetcher {
    /**
     * @param digest the blob's digest as the manifest names it
     * @param size the size the manifest gives it (-1 if none)
     */
    InputStream open(String digest, long size) throws IOException;
  }

  /**
   * An image source over a verified image manifest ({@code application/vnd.oci.image.manifest.v1+json} or
   * Docker's schema 2) and its verified config bytes.
   *
   * @param kind the target kind ({@code registry})
   * @param name the image's name in messages and results (its reference)
   * @param manifestDigest the digest of the manifest bytes
   * @param manifest the parsed manifest
   * @param config the config's bytes, already verified against the manifest's config digest
   * @param tags the references the image was asked for by
   */
  public static ImageSource open(String kind, String name, String manifestDigest, JsonNode manifest, byte[] config,
      List<String> tags, BlobFetcher fetcher, Limits limits) throws IOException {
    String configDigest = Digests.sha256(config);
    JsonNode configNode;
    try {
      configNode = Json.MAPPER.readTree(config);
    } catch (IOException e) {
      throw new DrydockException(name + ": config " + configDigest + " is not valid JSON");
    }
    if (configNode == null || !configNode.isObject()) {
      throw new DrydockException(name + ": config " + configDigest + " is not a JSON object");
    }
    ConfigParser.Parsed parsed = ConfigParser.parse(configNode, name + ": config " + configDigest);
    JsonNode layerDescs = manifest.path("layers");
    if (!layerDescs.isArray()) {
      throw new DrydockException(name + ": manifest " + manifestDigest + " has no layers list");
    }
    if (layerDescs.size() != parsed.diffIds().size()) {
      throw new DrydockException(name + ": manifest " + manifestDigest + " lists " + layerDescs.size()
          + " layers but the config has " + parsed.diffIds().size() + " diff_ids");
    }
    List<String> createdBy = parsed.createdBy(layerDescs.size());
    List<LayerRef> refs = new ArrayList<>();
    Map<String, Long> sizes = new ConcurrentHashMap<>();
    for (int i = 0; i < layerDescs.size(); i++) {
      JsonNode d = layerDescs.get(i);
      String digest = Json.text(d, "digest");
      String mediaType = Json.text(d, "mediaType");
      long size = d.path("size").asLong(-1);
      Layer layer = new Layer(i, parsed.diffIds().get(i), digest, mediaType, size, createdBy.get(i));
      if (mediaType == null || !OciLayout.LAYER_TYPES.contains(mediaType)) {
        throw ArchiveImageSource.bad(name, layer, "unsupported layer media type " + mediaType);
      }
      if (!Digests.isSha256(digest)) {
        throw ArchiveImageSource.bad(name, layer, "invalid or unsupported layer digest " + digest);
      }
      sizes.put(digest, size);
      refs.add(new LayerRef(layer, digest, digest));
    }
    Target target = new Target(kind, name, manifestDigest, configDigest, tags, parsed.platform());
    Blobs blobs = new Blobs() {
      @Override
      public boolean has(String digest) {
        return sizes.containsKey(digest);
      }

      @Override
      public long size(String digest) {
        return sizes.getOrDefault(digest, -1L);
      }

      @Override
      public InputStream open(String digest) throws IOException {
        return fetcher.open(digest, size(digest));
      }

      @Override
      public BlobOrigin origin(String digest, String expectedDigest) {
        return null;
      }

      @Override
      public void close() {}
    };
    return new ArchiveImageSource(target, parsed.config(), refs, blobs, limits, null).fetchedByDigest();
  }
}
