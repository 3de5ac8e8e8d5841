package dev.drydock.engine.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps sqlite-jdbc's native library unpacked inside the cache directory, for every command that opens one of
 * drydock's SQLite files (scans, rescans, {@code db import}, {@code db status}, ...): {@code Stores.sqlite} and
 * {@link LayerCache#open} call {@link #prepare} before the first connection. By default sqlite-jdbc unpacks it to
 * {@code java.io.tmpdir} on every start (and leaves it there when the process is killed) and compares it byte
 * by byte with the copy in its jar, which costs a third of a warm scan; an unpacked copy per driver version is
 * reused instead.
 *
 * <p>sqlite-jdbc reads where to find or unpack the library only from system properties
 * ({@code org.sqlite.lib.path}, {@code org.sqlite.lib.name}, {@code org.sqlite.tmpdir}), once per JVM, before
 * any connection exists; no connection property reaches it. So this sets those process properties, once: the
 * first cache directory of the JVM holds the library every later engine in it uses (a native library is loaded
 * once per JVM anyway).
 */
public final class SqliteNative {
  private SqliteNative() {}

  /** Points sqlite-jdbc at an unpacked library under {@code <cacheDir>/native} (once per JVM). */
  public static synchronized void prepare(Path cacheDir) {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      // if the copy below fails, sqlite-jdbc unpacks the library itself: into the cache directory, not /tmp
      if (System.getProperty("org.sqlite.tmpdir") == null) {
        Path tmp = cacheDir.resolve("tmp");
        Files.createDirectories(tmp);
        System.setProperty("org.sqlite.tmpdir", tmp.toString());
      }
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
      // fall back to sqlite-jdbc's own unpacking (into <cache-dir>/tmp, set above)
    }
  }
}
