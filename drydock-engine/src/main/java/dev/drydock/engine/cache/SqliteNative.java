package dev.drydock.engine.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps sqlite-jdbc's native library unpacked inside the cache directory. By default sqlite-jdbc
 * unpacks it to the temporary directory on every start and compares it byte by byte with the copy in
 * its jar, which costs a third of a warm scan; an unpacked copy per driver version is reused instead.
 */
final class SqliteNative {
  private SqliteNative() {}

  static void prepare(Path cacheDir) {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      String folder = org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS();
      String name = System.mapLibraryName("sqlitejdbc");
      if (name.endsWith(".dylib")) {
        name = "libsqlitejdbc.dylib";
      }
      String resource = "/org/sqlite/native/" + folder + "/" + name;
      Path dir = cacheDir.resolve("native").resolve("sqlite-jdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion())
          .resolve(folder);
      Path lib = dir.resolve(name);
      if (!Files.isRegularFile(lib)) {
        try (InputStream in = SqliteNative.class.getResourceAsStream(resource)) {
          if (in == null) {
            return; // no bundled library for this platform: let sqlite-jdbc find one itself
          }
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, name, ".tmp");
          try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
              Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
            }
          } finally {
            Files.deleteIfExists(tmp);
          }
        }
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", name);
    } catch (IOException | RuntimeException e) {
      // fall back to sqlite-jdbc's own unpacking (into <cache-dir>/tmp, set by LayerCache)
    }
  }
}
