package dev.drydock.engine.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.model.SchemaMigrations;
import dev.drydock.model.SqliteFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The embedded {@link LayerFactStore} and {@link InventoryStore}: {@code <cache-dir>/cache.sqlite}, per-layer
 * analyzer facts keyed by (layer diffID, analyzer name, analyzer version, options), verified blobs and blob
 * stamps, and stored inventories. WAL mode and a busy timeout make it safe for several drydock processes at once;
 * each put is its own transaction, so a killed process leaves only complete entries. Its schema is brought to
 * this drydock's by numbered steps ({@link #MIGRATIONS}) when opened.
 */
public final class LayerCache implements LayerFactStore, InventoryStore, AutoCloseable {
  /** Bump when the stored encoding changes; older rows are then ignored. */
  static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Connection db;
  private final Path file;

  private LayerCache(Connection db, Path file) {
    this.db = db;
    this.file = file;
  }

  /** The file name of the cache in a cache directory. */
  public static final String FILE_NAME = "cache.sqlite";

  /**
   * The schema steps of {@code cache.sqlite} (docs/DESIGN.md, "Schema migrations"). Never edit a released
   * step: add one. 1: the tables as drydock wrote them before migrations existed ({@code IF NOT EXISTS}, so
   * such a cache is adopted as it is); 2: the path each image was last scanned at, inventories keyed by image
   * identity.
   */
  static final List<SchemaMigrations.Step> MIGRATIONS = List.of(
      new SchemaMigrations.Step(1, "layer facts, inventories, verified blobs and blob stamps", List.of(
          "CREATE TABLE IF NOT EXISTS layer_facts ("
              + " diff_id TEXT NOT NULL, analyzer TEXT NOT NULL, version INTEGER NOT NULL,"
              + " options TEXT NOT NULL, format INTEGER NOT NULL, facts BLOB NOT NULL, created_at TEXT NOT NULL,"
              + " PRIMARY KEY (diff_id, analyzer, version, options))",
          "CREATE TABLE IF NOT EXISTS scans ("
              + " image_key TEXT PRIMARY KEY, target TEXT NOT NULL, result BLOB NOT NULL, created_at TEXT NOT NULL)",
          // a blob whose walk verified both its stored digest and its diffID
          "CREATE TABLE IF NOT EXISTS verified_layers ("
              + " blob_digest TEXT NOT NULL, diff_id TEXT NOT NULL, created_at TEXT NOT NULL,"
              + " PRIMARY KEY (blob_digest, diff_id))",
          // the file (and entry) a verified blob was read from, with the file's stamp at the time
          "CREATE TABLE IF NOT EXISTS blob_stamps ("
              + " path TEXT NOT NULL, entry TEXT NOT NULL, stamp TEXT NOT NULL, blob_digest TEXT NOT NULL,"
              + " created_at TEXT NOT NULL, PRIMARY KEY (path, entry))")),
      new SchemaMigrations.Step(2, "inventories keyed by image identity; the image last scanned at each path",
          List.of("CREATE TABLE image_paths (path TEXT PRIMARY KEY, image_key TEXT NOT NULL,"
              + " created_at TEXT NOT NULL)")));

  /**
   * Opens (creating or migrating) {@code <cacheDir>/cache.sqlite}. The engine opens it through
   * {@code dev.drydock.engine.Stores}; tests open it here.
   *
   * @throws DrydockException when it cannot, or when the cache was written by a newer drydock
   */
  public static LayerCache open(Path cacheDir) {
    Path file = cacheDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw dev.drydock.model.StorageFailures.cannotCreateDirectory(cacheDir, e);
    }
    SqliteNative.prepare(cacheDir);
    try {
      Connection c = SqliteFiles.connect(new org.sqlite.JDBC(), file, SqliteFiles.Use.SHARED);
      // Several scans opening a new cache at once: switching it to WAL and creating the tables can be refused
      // with SQLITE_BUSY at once (SQLite does not wait where waiting could deadlock), so try again for a while;
      // the PRAGMAs are idempotent and a migration is one transaction that re-reads the version.
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      for (int attempt = 1; ; attempt++) {
        try {
          try (Statement s = c.createStatement()) {
            SqliteFiles.pragmas(s, SqliteFiles.Use.SHARED);
          }
          SchemaMigrations.apply(c, "cache " + file, MIGRATIONS);
          break;
        } catch (SQLException e) {
          boolean busy = (e.getErrorCode() & 0xff) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
          if (!busy || System.nanoTime() > deadline) {
            SqliteFiles.closeQuietly(c);
            throw e;
          }
          try {
            Thread.sleep(Math.min(200, 10L * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            SqliteFiles.closeQuietly(c);
            throw new DrydockException("interrupted while opening cache " + file, ie);
          }
        } catch (RuntimeException e) {
          SqliteFiles.closeQuietly(c);
          throw e;
        }
      }
      return new LayerCache(c, file);
    } catch (SQLException e) {
      // on a full disk SQLite only says "Error opening connection": say what it is
      throw dev.drydock.model.StorageFailures.cannotWrite("cannot open cache", file, e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Every cached output of one layer for {@code options}, keyed by {@code name@version}; one query
   * instead of one per analyzer.
   */
  @Override
  public synchronized java.util.Map<String, AnalyzerOutput> getAll(String diffId, String options) {
    java.util.Map<String, AnalyzerOutput> out = new java.util.HashMap<>();
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT analyzer, version, facts FROM layer_facts WHERE diff_id=? AND options=? AND format=?")) {
      ps.setString(1, diffId);
      ps.setString(2, options);
      ps.setInt(3, FORMAT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            out.put(rs.getString(1) + "@" + rs.getInt(2), decode(rs.getBytes(3)));
          } catch (IOException e) {
            // undecodable row: a miss, overwritten by the next put
          }
        }
      }
    } catch (SQLException e) {
      throw new DrydockException("cannot read cache " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public synchronized void put(String diffId, String analyzer, int version, String options, AnalyzerOutput output) {
    write("INSERT OR REPLACE INTO layer_facts(diff_id, analyzer, version, options, format, facts, created_at)"
        + " VALUES (?,?,?,?,?,?,?)", diffId, analyzer, version, options, FORMAT, encode(output), now());
  }

  /** Records that a walk read a blob hashing to {@code blobDigest} and verified it against {@code diffId}. */
  @Override
  public synchronized void putVerifiedLayer(String blobDigest, String diffId) {
    write("INSERT OR REPLACE INTO verified_layers(blob_digest, diff_id, created_at) VALUES (?,?,?)", blobDigest,
        diffId, now());
  }

  /** Whether a walk verified a blob hashing to {@code blobDigest} against {@code diffId}. */
  @Override
  public synchronized boolean isVerifiedLayer(String blobDigest, String diffId) {
    return readString("SELECT 'yes' FROM verified_layers WHERE blob_digest=? AND diff_id=?", blobDigest, diffId)
        .isPresent();
  }

  /**
   * Records that {@code entry} of the file at {@code path} (empty: the whole file), while the file had
   * {@code stamp}, held bytes hashing to {@code blobDigest}.
   */
  @Override
  public synchronized void putBlobStamp(String path, String entry, String stamp, String blobDigest) {
    write("INSERT OR REPLACE INTO blob_stamps(path, entry, stamp, blob_digest, created_at) VALUES (?,?,?,?,?)",
        path, entry, stamp, blobDigest, now());
  }

  /** The digest recorded for {@code entry} of {@code path} if the file's stamp is still {@code stamp}. */
  @Override
  public synchronized Optional<String> blobDigestByStamp(String path, String entry, String stamp) {
    return readString("SELECT blob_digest FROM blob_stamps WHERE path=? AND entry=? AND stamp=?", path, entry, stamp);
  }

  /** Stores an encoded inventory (gzip'd) under {@code imageKey}. */
  @Override
  public synchronized void putScan(String imageKey, String target, byte[] resultJson) {
    write("INSERT OR REPLACE INTO scans(image_key, target, result, created_at) VALUES (?,?,?,?)", imageKey, target,
        gzip(resultJson), now());
  }

  /** Copies a stored result to another key without decoding it. */
  @Override
  public synchronized void copyScan(String fromKey, String toKey, String target) {
    write("INSERT OR REPLACE INTO scans(image_key, target, result, created_at)"
        + " SELECT ?, ?, result, ? FROM scans WHERE image_key=?", toKey, target, now(), fromKey);
  }

  /** The stored result of an image, if any. */
  @Override
  public synchronized Optional<byte[]> getScan(String imageKey) {
    try (PreparedStatement ps = db.prepareStatement("SELECT result FROM scans WHERE image_key=?")) {
      ps.setString(1, imageKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(rs.getBytes(1)))) {
          return Optional.of(in.readAllBytes());
        }
      }
    } catch (SQLException | IOException e) {
      throw new DrydockException("cannot read cache " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void removeScan(String key) {
    write("DELETE FROM scans WHERE image_key=?", key);
  }

  @Override
  public synchronized void putImagePath(String path, String imageKey) {
    write("INSERT OR REPLACE INTO image_paths(path, image_key, created_at) VALUES (?,?,?)", path, imageKey, now());
  }

  @Override
  public synchronized Optional<String> imageKeyAt(String path) {
    return readString("SELECT image_key FROM image_paths WHERE path=?", path);
  }

  private static String now() {
    return Instant.now().toString();
  }

  /** Runs one statement with {@code args} (String, Integer or byte[]) as its own transaction. */
  private void write(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw dev.drydock.model.StorageFailures.cannotWrite("cannot write cache", file, e);
    }
  }

  /** The first column of the first row of a query, if any. */
  private Optional<String> readString(String sql, Object... args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DrydockException("cannot read cache " + file + ": " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else if (args[i] instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) args[i]);
      }
    }
  }

  /** Keys of every stored image result, oldest first. */
  @Override
  public synchronized java.util.List<String> scanKeys() {
    java.util.List<String> keys = new java.util.ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT image_key FROM scans ORDER BY created_at")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new DrydockException("cannot read cache " + file + ": " + e.getMessage(), e);
    }
    return keys;
  }

  /** The stored encoding of an analyzer output (gzip'd JSON, {@link #FORMAT}); other stores of the port use it too. */
  public static byte[] encodeOutput(AnalyzerOutput output) {
    return encode(output);
  }

  /** Reads what {@link #encodeOutput} wrote. */
  public static AnalyzerOutput decodeOutput(byte[] blob) throws IOException {
    return decode(blob);
  }

  /** The encoding version of {@link #encodeOutput}: rows of another format are ignored. */
  public static int format() {
    return FORMAT;
  }

  private static byte[] encode(AnalyzerOutput output) {
    try {
      return gzip(MAPPER.writeValueAsBytes(output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AnalyzerOutput decode(byte[] blob) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
      return MAPPER.readValue(in, AnalyzerOutput.class);
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 4 + 64);
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing a read/written connection only fails if the file vanished; nothing to keep
    }
  }
}
