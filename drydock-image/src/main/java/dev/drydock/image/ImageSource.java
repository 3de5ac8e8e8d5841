package dev.drydock.image;

import dev.drydock.model.ImageConfig;
import dev.drydock.model.Target;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A scan target opened and verified: its metadata and its layers, each readable as one stream. Open
 * one with {@link Sources#open}.
 *
 * <p>For directory targets (root filesystems, source trees) there is exactly one pseudo-layer with a
 * null diffID; it is never cached.
 */
public interface ImageSource extends Closeable {

  Target target();

  /**
   * The image's identity (config digest, and manifest digest when the format has one), from the documents
   * read and verified when the source was opened; empty for directory targets.
   */
  default java.util.Optional<ImageIdentity> identity() {
    Target t = target();
    return t.configDigest() == null ? java.util.Optional.empty()
        : java.util.Optional.of(new ImageIdentity(t.configDigest(), t.manifestDigest()));
  }

  /** The image config; null for directory targets. */
  ImageConfig config();

  /** Layers, base first. */
  List<Layer> layers();

  /**
   * Streams every entry of {@code layer} once, in tar order, to {@code visitor}. Decompresses gzip or
   * zstd (detected by magic bytes), enforces {@link Limits}, and verifies the blob digest and the
   * diffID after the last entry: a mismatch throws {@link dev.drydock.model.DrydockException} naming
   * the target and layer, and the caller must discard whatever the visitor collected.
   *
   * @return the sha256 of the layer's stored bytes ({@code sha256:<hex>}), now verified together with
   *     its diffID; null for directory targets
   */
  String walk(Layer layer, LayerVisitor visitor) throws IOException;

  /**
   * Reads the stored bytes of {@code layer} once, without decompressing them, and returns their sha256.
   * When the manifest (or the blob's content-addressed name) promises a digest, a mismatch throws
   * {@link dev.drydock.model.DrydockException} naming the target and layer. The diffID is not checked:
   * that needs a {@link #walk}.
   *
   * @throws UnsupportedOperationException for directory targets, which have no blobs
   */
  default String hashBlob(Layer layer) throws IOException {
    throw new UnsupportedOperationException(target().kind() + " targets have no blobs");
  }

  /**
   * The file holding {@code layer}'s stored bytes as stat'ed when the target was opened; null for
   * directory targets and on file systems without unix attributes (ctime).
   */
  default BlobOrigin origin(Layer layer) {
    return null;
  }

  /**
   * Whether a layer's stored bytes are named by {@link Layer#digest()} with nothing else to check: the source
   * would fetch them by that digest and verify them against it (a registry). For such a source, a layer whose
   * digest an earlier walk verified against its diffID is known without reading it (and without fetching it);
   * for the others (files that can change under the same name) the bytes must be hashed or their file stamp
   * vouched for.
   */
  default boolean contentAddressed() {
    return false;
  }

  @Override
  default void close() throws IOException {}
}
