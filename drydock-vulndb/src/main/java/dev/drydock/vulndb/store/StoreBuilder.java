package dev.drydock.vulndb.store;

import dev.drydock.model.DrydockException;
import dev.drydock.model.SqliteFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * Builds a new {@code vulndb.sqlite} beside the current one ({@code vulndb.sqlite.<random>.tmp}) and
 * swaps it in atomically on {@link #commit()}. Until then the current store is untouched: a crash
 * leaves only a tmp file, which the next build deletes. One build per cache directory at a time
 * ({@code vulndb.lock}): a second build, in this process or another, waits for the first to finish.
 *
 * <p>Usage: {@code try (StoreBuilder b = StoreBuilder.open(dir)) { try (SourceWriter w =
 * b.beginSource(...)) { w.addAdvisory(...); } b.commit(); }} -- closing without commit aborts.
 */
public final class StoreBuilder implements AutoCloseable {

  private static final String LOCK_NAME = "vulndb.lock";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path cacheDir;
  private final Path target;
  private final Path temp;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Semaphore turn;
  private boolean released;
  private Connection connection;
  private long lastRowid;
  private SourceWriter openWriter;
  private boolean finished;

  /** One turn per cache directory, so that builds of one process queue before the file lock. */
  private static final ConcurrentMap<Path, Semaphore> TURNS = new ConcurrentHashMap<>();

  private StoreBuilder(Path cacheDir, Path temp, FileChannel lockChannel, FileLock lock, Semaphore turn) {
    this.cacheDir = cacheDir;
    this.turn = turn;
    this.target = VulnStore.storeFile(cacheDir);
    this.temp = temp;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Starts a build that begins from a copy of the current store (if it exists and has this drydock's
   * schema), so that re-importing one source replaces only that source's rows.
   */
  public static StoreBuilder open(Path cacheDir) {
    return open(cacheDir, true);
  }

  /** Starts a build from an empty store. */
  public static StoreBuilder openFresh(Path cacheDir) {
    return open(cacheDir, false);
  }

  private static StoreBuilder open(Path cacheDir, boolean incremental) {
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw dev.drydock.model.StorageFailures.cannotCreateDirectory(cacheDir, e);
    }
    Path lockFile = cacheDir.resolve(LOCK_NAME);
    Semaphore turn = TURNS.computeIfAbsent(cacheDir.toAbsolutePath().normalize(), k -> new Semaphore(1));
    turn.acquireUninterruptibly();
    FileChannel channel = null;
    FileLock lock;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      turn.release();
      throw new DrydockException("cannot write the vulnerability store in " + cacheDir + ": " + reason(e)
          + " (" + lockFile + ")", e);
    }
    try {
      // another process building the store: wait for it, as scan --advisories does
      lock = channel.lock();
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      turn.release();
      throw new DrydockException("cannot lock the vulnerability store in " + cacheDir + ": "
          + (e instanceof IOException io ? reason(io) : "locked by this process") + " (" + lockFile + ")", e);
    }
    Path temp = cacheDir.resolve(Schema.FILE_NAME + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
    StoreBuilder builder = new StoreBuilder(cacheDir, temp, channel, lock, turn);
    try {
      builder.deleteLeftovers();
      builder.start(incremental);
      return builder;
    } catch (RuntimeException e) {
      builder.abort();
      throw e;
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private void deleteLeftovers() {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(cacheDir, Schema.FILE_NAME + ".*.tmp")) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new DrydockException("cannot delete stale temporary stores in " + cacheDir + ": " + e.getMessage(), e);
    }
  }

  private void start(boolean incremental) {
    boolean copied = false;
    if (incremental && Files.isRegularFile(target)) {
      try {
        Files.copy(target, temp);
        copied = true;
      } catch (IOException e) {
        throw new DrydockException("cannot copy " + target + " to " + temp + ": " + e.getMessage(), e);
      }
    }
    connection = VulnStore.connect(temp, false);
    try {
      if (copied && Schema.version(connection) != Schema.VERSION) {
        // an older drydock's store: start over rather than mix schemas
        SqliteFiles.closeQuietly(connection);
        Files.delete(temp);
        connection = VulnStore.connect(temp, false);
        copied = false;
      }
      try (Statement st = connection.createStatement()) {
        // journal and fsync are off already (SqliteFiles.Use.BUILD); a large build wants more memory
        st.execute("PRAGMA cache_size = -65536");
        st.execute("PRAGMA temp_store = MEMORY");
      }
      connection.setAutoCommit(false);
      if (!copied) {
        Schema.create(connection);
      }
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT coalesce(max(rowid), 0) FROM advisories")) {
        rs.next();
        lastRowid = rs.getLong(1);
      }
    } catch (SQLException | IOException e) {
      throw new DrydockException("cannot create vulnerability store " + temp + ": " + e.getMessage(), e);
    }
  }

  /**
   * Begins (re-)importing one source: its rows from earlier imports are deleted, and the writer's
   * rows are tagged with {@code name}. Only one writer may be open at a time.
   */
  public SourceWriter beginSource(String name, String kind, String location, String etag,
      String lastModified, String sha256) {
    checkOpen();
    if (openWriter != null) {
      throw new IllegalStateException("source " + openWriter.name() + " is still being written");
    }
    try {
      deleteSource(name);
      openWriter = new SourceWriter(this, connection,
          new SourceWriter.Info(name, kind, location, etag, lastModified, sha256));
      return openWriter;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Removes every row of source {@code name}. */
  public void removeSource(String name) {
    checkOpen();
    try {
      deleteSource(name);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void deleteSource(String name) throws SQLException {
    String[] sql = {
      "DELETE FROM affected WHERE advisory IN (SELECT a.rowid FROM advisories a JOIN source_keys k"
          + " ON k.key = a.source WHERE k.name = ?)",
      "DELETE FROM aliases WHERE advisory IN (SELECT a.rowid FROM advisories a JOIN source_keys k"
          + " ON k.key = a.source WHERE k.name = ?)",
      "DELETE FROM advisories WHERE source IN (SELECT key FROM source_keys WHERE name = ?)",
      "DELETE FROM source_keys WHERE name = ?",
      "DELETE FROM kev WHERE source = ?",
      "DELETE FROM epss WHERE source = ?",
      "DELETE FROM end_of_life WHERE source = ?",
      "DELETE FROM sources WHERE name = ?",
      "DELETE FROM source_contents WHERE source = ?",
    };
    for (String s : sql) {
      try (PreparedStatement ps = connection.prepareStatement(s)) {
        ps.setString(1, name);
        ps.executeUpdate();
      }
    }
  }

  long nextRowid() {
    return ++lastRowid;
  }

  void writerClosed(SourceWriter writer) {
    if (openWriter == writer) {
      openWriter = null;
    }
  }

  DrydockException failure(Exception e) {
    return new DrydockException("cannot write vulnerability store " + temp + ": " + e.getMessage(), e);
  }

  /** Finishes the new store, syncs it to disk and renames it over {@code vulndb.sqlite}. */
  public void commit() {
    checkOpen();
    try {
      if (openWriter != null) {
        openWriter.close();
      }
      try (PreparedStatement ps =
          connection.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")) {
        ps.setString(1, "built_at");
        ps.setString(2, Instant.now().toString());
        ps.addBatch();
        ps.setString(1, "schema");
        ps.setString(2, Integer.toString(Schema.VERSION));
        ps.addBatch();
        ps.executeBatch();
      }
      connection.commit();
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA optimize");
      }
      connection.close();
      connection = null;
      swapIn();
    } catch (SQLException | IOException e) {
      abort();
      throw new DrydockException("cannot finish vulnerability store " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** Makes the finished temp file durable, renames it over the store, and ends this build (lock released). */
  private void swapIn() throws IOException {
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
    finished = true;
    releaseLock();
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(cacheDir, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every platform can open a directory for sync; the rename itself is already atomic
    }
  }

  /**
   * Installs {@code file}, a whole store made elsewhere (a store pulled from a registry, already verified by
   * digest), instead of what this builder built: it must be a SQLite store of this drydock's schema; it is then
   * swapped in atomically, under this builder's lock. {@code file} is moved (it should be in the cache directory's
   * file system). On failure the current store stays as it was.
   */
  public void installFrom(Path file) {
    checkOpen();
    try {
      SqliteFiles.closeQuietly(connection);
      connection = null;
      Files.move(file, temp, StandardCopyOption.REPLACE_EXISTING);
      Connection check = VulnStore.connect(temp, true);
      int version;
      try {
        version = Schema.version(check);
      } finally {
        SqliteFiles.closeQuietly(check);
      }
      if (version != Schema.VERSION) {
        throw new DrydockException("the store has schema " + version + ", this drydock needs " + Schema.VERSION);
      }
      swapIn();
    } catch (SQLException | IOException e) {
      abort();
      throw new DrydockException("cannot install vulnerability store " + target + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
  }

  /** The store schema version this drydock writes and reads. */
  public static int schemaVersion() {
    return Schema.VERSION;
  }

  /** Discards the new store; the current one stays as it was. Safe to call more than once. */
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    if (openWriter != null) {
      openWriter.halt(); // its thread must be done with the connection before it closes
    }
    if (connection != null) {
      SqliteFiles.closeQuietly(connection);
      connection = null;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // the next build deletes it
    }
    releaseLock();
  }

  /** Aborts unless committed. */
  @Override
  public void close() {
    abort();
  }

  /** The temporary file being built. */
  public Path tempFile() {
    return temp;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("store build already committed or aborted");
    }
  }

  private void releaseLock() {
    if (released) {
      return;
    }
    released = true;
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel releases it too
    }
    closeQuietly(lockChannel);
    turn.release();
  }

  /** The reason of a file-system failure in a few words ({@code permission denied}, {@code Read-only file system}). */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
