package dev.drydock.daemon;

import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.archive.Archives;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import dev.drydock.model.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An image held by a daemon. Its bytes come from the daemon's export ({@code docker save} format), spilled
 * into the engine's scratch directory (inside the cache) and read by the archive reader, which verifies every
 * digest as it does for a file; the spill is deleted on {@link #close()} and on every failure.
 *
 * <p>When the caller already knows the image by its config digest ({@link KnownImages}), the export is put off
 * until a layer has to be walked: a rescan of an unchanged image whose every layer's facts are cached reads
 * nothing from the daemon but its inventory answer. The layer bytes are then vouched for by the daemon, which
 * verified each layer against the diffIDs of the config whose digest it reports as the image id (that is
 * drydock's trust in a local daemon: it runs as root and holds the images the user runs).
 */
final class DaemonImageSource implements ImageSource {
  /** Exports the image as a {@code docker save} stream. */
  @FunctionalInterface
  interface Exporter {
    InputStream open() throws IOException;
  }

  private final String display;
  private final String kind;
  private final String where;
  private final String imageId;
  private final List<String> repoTags;
  private final SourceOptions options;
  private final Exporter exporter;
  private final AutoCloseable connection;
  private final KnownImages.Known known;
  private ImageSource archive;
  private Path spill;
  private boolean closed;

  /**
   * @param display what messages and results call the image ({@code docker:docker.io/library/nginx:1.25})
   * @param where the daemon and its address, for messages
   * @param imageId the config digest the daemon reports, or null when it reports none (containerd)
   * @param known what an earlier scan knows of {@code imageId}, or null: export at once
   * @param connection closed with the source (the API client), or null
   */
  DaemonImageSource(String display, String kind, String where, String imageId, List<String> repoTags,
      SourceOptions options, Exporter exporter, KnownImages.Known known, AutoCloseable connection) {
    this.display = display;
    this.kind = kind;
    this.where = where;
    this.imageId = imageId;
    this.repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    this.options = Objects.requireNonNull(options, "options");
    this.exporter = exporter;
    this.known = known;
    this.connection = connection;
    if (options.scratchDir() == null) {
      throw new IllegalArgumentException("a daemon image needs a scratch directory inside the cache");
    }
  }

  /** Exports now unless the image is known. */
  DaemonImageSource start() throws IOException {
    if (known == null) {
      exported();
    }
    return this;
  }

  /** Whether the image's bytes were read from the daemon. */
  synchronized boolean isExported() {
    return archive != null;
  }

  /** The export, read into the scratch directory and opened (once). */
  private synchronized ImageSource exported() throws IOException {
    if (archive != null) {
      return archive;
    }
    if (closed) {
      throw new IllegalStateException("closed");
    }
    Path scratch = options.scratchDir();
    Files.createDirectories(scratch);
    Path file = Files.createTempFile(scratch, kind + "-export-", ".tar");
    boolean ok = false;
    try {
      long n = 0;
      try (InputStream in = exporter.open(); OutputStream out = Files.newOutputStream(file)) {
        byte[] buf = new byte[256 * 1024];
        int r;
        while ((r = in.read(buf)) >= 0) {
          out.write(buf, 0, r);
          n += r;
        }
      } catch (IOException e) {
        throw new DrydockException("cannot scan " + display + ": the export from " + where + " was cut off after "
            + n + " bytes (" + EngineApi.reason(e) + ")", e);
      }
      openSpill(file);
      ok = true;
      return archive;
    } finally {
      if (!ok) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Takes over {@code file}, an export already written into the scratch directory (by {@code ctr images export}),
   * and opens it; the file is deleted on close, or now when it cannot be opened.
   */
  synchronized DaemonImageSource adopt(Path file) throws IOException {
    boolean ok = false;
    try {
      openSpill(file);
      ok = true;
      return this;
    } finally {
      if (!ok) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void openSpill(Path file) throws IOException {
    ImageSource opened;
    try {
      opened = Archives.openFile(file, options);
    } catch (DrydockException e) {
      throw renamed(e, file);
    }
    try {
      check(opened);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    archive = opened;
    spill = file;
  }

  /** The export is the image the daemon described: same config digest, and the known layers. */
  private void check(ImageSource opened) {
    String got = opened.target().configDigest();
    if (imageId != null && !imageId.equals(got)) {
      throw new DrydockException("cannot scan " + display + ": " + where + " exported image " + got
          + " but reported " + imageId + " (was the tag moved during the scan? scan again)");
    }
    if (known != null) {
      List<Layer> mine = known.layers();
      List<Layer> theirs = opened.layers();
      boolean same = mine.size() == theirs.size();
      for (int i = 0; same && i < mine.size(); i++) {
        same = Objects.equals(mine.get(i).diffId(), theirs.get(i).diffId());
      }
      if (!same) {
        throw new DrydockException("cannot scan " + display + ": the layers " + where + " exported differ from"
            + " those its config " + imageId + " named in an earlier scan (clear the cache directory)");
      }
    }
  }

  /** An error of the archive reader, naming the image rather than the spill file. */
  private DrydockException renamed(DrydockException e, Path file) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String named = m.replace(file.toString(), display + " (as exported by " + where + ")");
    return named.equals(m) ? e : new DrydockException(named, e);
  }

  @Override
  public Target target() {
    if (archive != null) {
      Target t = archive.target();
      return new Target(kind, display, null, t.configDigest(), repoTags.isEmpty() ? t.repoTags() : repoTags,
          t.platform());
    }
    return new Target(kind, display, null, imageId, repoTags, known.platform());
  }

  @Override
  public ImageConfig config() {
    return archive != null ? archive.config() : known.config();
  }

  @Override
  public List<Layer> layers() {
    return archive != null ? archive.layers() : known.layers();
  }

  @Override
  public String walk(Layer layer, LayerVisitor visitor) throws IOException {
    ImageSource a = exported();
    Path file = spill;
    try {
      return a.walk(a.layers().get(layer.index()), visitor);
    } catch (DrydockException e) {
      throw renamed(e, file);
    }
  }

  @Override
  public String hashBlob(Layer layer) throws IOException {
    ImageSource a;
    synchronized (this) {
      a = archive;
    }
    if (a == null) {
      // not exported: the daemon vouches for the layer bytes behind the diffID of the config it named (see above)
      return layer.digest();
    }
    try {
      return a.hashBlob(a.layers().get(layer.index()));
    } catch (DrydockException e) {
      throw renamed(e, spill);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (archive != null) {
        archive.close();
      }
    } finally {
      if (spill != null) {
        Files.deleteIfExists(spill);
      }
      if (connection != null) {
        try {
          connection.close();
        } catch (Exception e) {
          // the connection is gone either way
        }
      }
    }
  }
}
