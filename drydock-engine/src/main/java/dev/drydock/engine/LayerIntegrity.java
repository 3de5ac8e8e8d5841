package dev.drydock.engine;

import dev.drydock.engine.cache.LayerFactStore;
import dev.drydock.image.BlobOrigin;
import dev.drydock.image.FileStamp;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, for one scan of an archive or layout, whether a layer's stored bytes are known to be bytes
 * whose facts the cache holds, so that the layer need not be walked. A layer is known when
 * <ol>
 *   <li>its stored bytes hash to a digest {@code B} (the manifest's, when it names one), either hashed in
 *       this scan or recorded for the same file, entry and {@link FileStamp} (device, inode, size, mtime,
 *       ctime) by an earlier scan that read them, and
 *   <li>an earlier walk verified that a blob hashing to {@code B} uncompresses to the layer's diffID
 *       (the cache key), so an image whose config claims another image's diffIDs is walked, not trusted.
 * </ol>
 * A source whose blobs are fetched by digest ({@link ImageSource#contentAddressed()}: a registry) needs only
 * the second: its layer is known when a walk verified the manifest's digest for the diffID, so a rescan of an
 * unchanged image fetches no layer. Anything else is walked, which verifies both digests. Thread-safe: layers are checked in parallel.
 */
final class LayerIntegrity {
  /** How old a file's last change must be before its stamp is recorded (see {@link FileStamp#settled}). */
  static final Duration SETTLE = Duration.ofSeconds(2);

  private final LayerFactStore cache;
  private final ImageSource source;
  private final Duration settle;
  private final Set<Integer> known = ConcurrentHashMap.newKeySet();
  private final Map<Integer, String> hashed = new ConcurrentHashMap<>();

  LayerIntegrity(LayerFactStore cache, ImageSource source, Duration settle) {
    this.cache = cache;
    this.source = source;
    this.settle = settle;
  }

  /** Known without reading: the file is unchanged since its blob was verified. */
  boolean knownByStamp(Layer layer) {
    if (known.contains(layer.index())) {
      return true;
    }
    if (source.contentAddressed()) {
      // a registry: the manifest (verified) names the blob by digest, and fetching it would verify that digest;
      // a walk that verified the same digest against this diffID makes fetching it pointless
      if (layer.digest() == null || !cache.isVerifiedLayer(layer.digest(), layer.diffId())) {
        return false;
      }
      known.add(layer.index());
      return true;
    }
    BlobOrigin origin = source.origin(layer);
    if (origin == null) {
      return false;
    }
    FileStamp stamp = origin.file();
    String digest = cache.blobDigestByStamp(stamp.path().toString(), origin.entry(), stamp.key()).orElse(null);
    if (digest == null || origin.expectedDigest() != null && !origin.expectedDigest().equals(digest)
        || !cache.isVerifiedLayer(digest, layer.diffId())) {
      return false;
    }
    known.add(layer.index());
    return true;
  }

  /**
   * Known by its stamp, or else by hashing its stored bytes now (a mismatch with the manifest is a
   * {@link dev.drydock.model.DrydockException}); false when the layer has to be walked.
   */
  boolean verify(Layer layer) throws IOException {
    if (knownByStamp(layer)) {
      return true;
    }
    if (source.contentAddressed()) {
      return false; // hashing would fetch the blob: walk it instead (one fetch)
    }
    String digest = hashed.get(layer.index());
    if (digest == null) {
      digest = source.hashBlob(layer);
      hashed.put(layer.index(), digest);
    }
    if (!cache.isVerifiedLayer(digest, layer.diffId())) {
      return false;
    }
    recordStamp(layer, digest);
    known.add(layer.index());
    return true;
  }

  /** A walk of {@code layer} verified its stored bytes ({@code blobDigest}) and its diffID. */
  void walked(Layer layer, String blobDigest) throws IOException {
    cache.putVerifiedLayer(blobDigest, layer.diffId());
    recordStamp(layer, blobDigest);
    known.add(layer.index());
  }

  /**
   * Remembers the file's stamp, unless the file changed since the target was opened (the bytes just
   * read may then not be the bytes the stamp describes) or changed so recently that a further write
   * could leave the stamp as it is.
   */
  private void recordStamp(Layer layer, String blobDigest) throws IOException {
    BlobOrigin origin = source.origin(layer);
    if (origin == null || !origin.file().settled(settle) || !origin.file().sameAs(FileStamp.of(origin.file().path()))) {
      return;
    }
    FileStamp stamp = origin.file();
    cache.putBlobStamp(stamp.path().toString(), origin.entry(), stamp.key(), blobDigest);
  }
}
