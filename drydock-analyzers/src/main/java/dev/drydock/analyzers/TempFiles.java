package dev.drydock.analyzers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where analyzers may write scratch files. The engine points this at {@code <cache-dir>/tmp} so that
 * drydock writes nothing outside its cache directory; until then the JVM's temp directory is used
 * (tests).
 */
public final class TempFiles {
  private static volatile Path directory;

  private TempFiles() {}

  public static void use(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    directory = dir;
  }

  public static Path directory() throws IOException {
    Path d = directory;
    if (d == null) {
      d = Path.of(System.getProperty("java.io.tmpdir"));
    }
    Files.createDirectories(d);
    return d;
  }
}
