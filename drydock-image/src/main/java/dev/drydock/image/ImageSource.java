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

  /** The image config; null for directory targets. */
  ImageConfig config();

  /** Layers, base first. */
  List<Layer> layers();

  /**
   * Streams every entry of {@code layer} once, in tar order, to {@code visitor}. Decompresses gzip or
   * zstd (detected by magic bytes), enforces {@link Limits}, and verifies the blob digest and the
   * diffID after the last entry: a mismatch throws {@link dev.drydock.model.DrydockException} naming
   * the target and layer, and the caller must discard whatever the visitor collected.
   */
  void walk(Layer layer, LayerVisitor visitor) throws IOException;

  @Override
  default void close() throws IOException {}
}
