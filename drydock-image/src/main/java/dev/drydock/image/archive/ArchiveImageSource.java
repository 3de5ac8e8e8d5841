package dev.drydock.image.archive;

import dev.drydock.image.BlobOrigin;
import dev.drydock.image.Digests;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
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
  private final List<BlobOrigin> origins = new ArrayList<>();
  private boolean contentAddressed;
  /** {@link LayerWalker#MAX_ENTRIES}; lowered by tests, which cannot build millions of entries cheaply. */
  long maxEntries = LayerWalker.MAX_ENTRIES;

  ArchiveImageSource(Target target, ImageConfig config, List<LayerRef> refs, Blobs blobs, Limits limits, Path tempFile)
      throws IOException {
    for (LayerRef ref : refs) {
      origins.add(blobs.origin(ref.blobName(), ref.expectedBlobDigest()));
    }
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
  public String walk(Layer layer, LayerVisitor visitor) throws IOException {
    return new LayerWalker(target.name(), ref(layer), limits, maxEntries).walk(blobs, visitor);
  }

  @Override
  public String hashBlob(Layer layer) throws IOException {
    LayerRef ref = ref(layer);
    MessageDigest md = Digests.newSha256();
    try (InputStream in = blobs.open(ref.blobName())) {
      byte[] buf = new byte[256 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    }
    String got = Digests.format(md.digest());
    if (ref.expectedBlobDigest() != null && !ref.expectedBlobDigest().equals(got)) {
      throw bad(target.name(), layer, "digest mismatch: expected " + ref.expectedBlobDigest() + ", got " + got);
    }
    return got;
  }

  @Override
  public boolean contentAddressed() {
    return contentAddressed;
  }

  /** Marks the source's blobs as fetched by digest (see {@link ImageSource#contentAddressed()}). */
  ArchiveImageSource fetchedByDigest() {
    contentAddressed = true;
    return this;
  }

  @Override
  public BlobOrigin origin(Layer layer) {
    return origins.get(ref(layer).layer().index());
  }

  private LayerRef ref(Layer layer) {
    // identity first: a record's equals is bootstrapped at run time, a cost a warm scan would notice
    if (layer.index() < 0 || layer.index() >= refs.size()
        || refs.get(layer.index()).layer() != layer && !refs.get(layer.index()).layer().equals(layer)) {
      throw new IllegalArgumentException("layer " + layer.index() + " does not belong to " + target.name());
    }
    return refs.get(layer.index());
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
