package dev.drydock.image.archive;

import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A docker-archive or OCI image opened over a {@link Blobs} store. */
final class ArchiveImageSource implements ImageSource {
  private final Target target;
  private final ImageConfig config;
  private final List<LayerRef> refs;
  private final List<Layer> layers;
  private final Blobs blobs;
  private final Limits limits;
  private final Path tempFile;

  ArchiveImageSource(Target target, ImageConfig config, List<LayerRef> refs, Blobs blobs, Limits limits, Path tempFile) {
    this.target = target;
    this.config = config;
    this.refs = List.copyOf(refs);
    this.layers = refs.stream().map(LayerRef::layer).toList();
    this.blobs = blobs;
    this.limits = limits;
    this.tempFile = tempFile;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public ImageConfig config() {
    return config;
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public void walk(Layer layer, LayerVisitor visitor) throws IOException {
    if (layer.index() < 0 || layer.index() >= refs.size() || !refs.get(layer.index()).layer().equals(layer)) {
      throw new IllegalArgumentException("layer " + layer.index() + " does not belong to " + target.name());
    }
    LayerRef ref = refs.get(layer.index());
    new LayerWalker(target.name(), ref, limits).walk(blobs, visitor);
  }

  @Override
  public void close() throws IOException {
    try {
      blobs.close();
    } finally {
      if (tempFile != null) {
        Files.deleteIfExists(tempFile);
      }
    }
  }

  static DrydockException bad(String target, Layer layer, String message) {
    return new DrydockException(LayerWalker.label(target, layer) + ": " + message);
  }
}
