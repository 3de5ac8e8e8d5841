package dev.drydock.image.fuzz;

import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Opens an image written by a fuzz target and walks every layer, the way a scan does. */
final class ImageFuzzing {
  static final Path WORK;

  static {
    try {
      WORK = Files.createTempDirectory("drydock-fuzz-image-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long next;

  private ImageFuzzing() {}

  /** A fresh path under the work directory for one input. */
  static synchronized Path fresh(String name) {
    return WORK.resolve((next++) + "-" + name);
  }

  /** Opens {@code target}, reads its config and walks every layer with a visitor that reads every file. */
  static void openAndWalk(Path target) throws IOException {
    SourceOptions options = new SourceOptions(null, Limits.DEFAULT, WORK.resolve("scratch"));
    try (ImageSource src = Sources.open(target, options)) {
      src.target();
      src.config();
      for (Layer layer : src.layers()) {
        src.walk(layer, new ReadEverything());
      }
    }
  }

  static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wants every file and reads it to its end, like an analyzer that claims everything. */
  static final class ReadEverything implements LayerVisitor {
    private final byte[] buffer = new byte[8192];

    @Override
    public boolean wants(String path, long size, int mode) {
      if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("..") && path.matches("(^|.*/)\\.\\.(/.*|$)")) {
        throw new AssertionError("the walker handed out a path that is not image-root-relative: " + path);
      }
      return true;
    }

    @Override
    public void file(String path, long size, int mode, InputStream content) throws IOException {
      while (content.read(buffer) >= 0) {
        // read it all, as an analyzer would
      }
    }
  }
}
