package dev.drydock.server;

import dev.drydock.engine.Drydock;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The advisory store shared by every server of one PostgreSQL database: the server that imports or updates
 * advisories publishes its {@code vulndb.sqlite} into the database ({@code advisory_stores}, the file in 4 MiB
 * {@code advisory_store_chunks}), and every server installs the newest published store when it differs from its own
 * (at start and every {@code advisory-sync-seconds}), verified by SHA-256 before it replaces the local file. Only the
 * publisher re-matches stored images and notifies (results are shared), so an update is announced once.
 */
final class SharedAdvisories {
  private static final int CHUNK = 4 << 20;
  /** Published stores kept (the newest and the one before, which a follower may be reading). */
  private static final int KEEP = 2;

  private final Database db;
  private final Drydock engine;
  private final Path cacheDir;
  private final String node;
  /** SHA-256 (hex) of the store this server has installed or published; null: unknown yet. */
  private volatile String installed;

  SharedAdvisories(Database db, Drydock engine, Path cacheDir, String node) {
    this.db = db;
    this.engine = engine;
    this.cacheDir = cacheDir;
    this.node = node;
  }

  /** The newest published store: its id and SHA-256, or null when none was published. */
  record Published(long id, String sha256, long size, String node) {}

  Published latest() throws SQLException {
    try (Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, sha256, size, node FROM advisory_stores ORDER BY id DESC LIMIT 1")) {
      return rs.next() ? new Published(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)) : null;
    }
  }

  /** The SHA-256 of the store this server matches with, as last published or installed (null: none yet). */
  String installed() {
    return installed;
  }

  /**
   * Publishes this server's store (a snapshot copy: a build renames a new file over it) unless the newest published
   * store is the same file. Returns the published SHA-256, or null when there is no local store.
   */
  synchronized String publish() {
    Path store = engine.advisoryStoreFile();
    if (!Files.isRegularFile(store)) {
      return null;
    }
    Path snapshot = null;
    try {
      Path tmp = Files.createDirectories(cacheDir.resolve("tmp"));
      snapshot = Files.createTempFile(tmp, "vulndb-publish-", ".tmp");
      Files.copy(store, snapshot, StandardCopyOption.REPLACE_EXISTING);
      String sha = sha256(snapshot);
      Published last = latest();
      if (last != null && last.sha256().equals(sha)) {
        installed = sha;
        return sha;
      }
      long size = Files.size(snapshot);
      try (Connection c = db.connection()) {
        c.setAutoCommit(false);
        try {
          long id;
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO advisory_stores (sha256, size, node,"
              + " created_at) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, sha);
            ps.setLong(2, size);
            ps.setString(3, node);
            ps.setLong(4, System.currentTimeMillis());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          try (InputStream in = Files.newInputStream(snapshot);
              PreparedStatement ps = c.prepareStatement(
                  "INSERT INTO advisory_store_chunks (store, seq, data) VALUES (?, ?, ?)")) {
            byte[] buf;
            int seq = 0;
            while ((buf = in.readNBytes(CHUNK)).length > 0) {
              ps.setLong(1, id);
              ps.setInt(2, seq++);
              ps.setBytes(3, buf);
              ps.executeUpdate();
            }
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM advisory_store_chunks WHERE store IN"
              + " (SELECT id FROM advisory_stores WHERE id <= ?)")) {
            ps.setLong(1, id - KEEP);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM advisory_stores WHERE id <= ?")) {
            ps.setLong(1, id - KEEP);
            ps.executeUpdate();
          }
          c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
      installed = sha;
      return sha;
    } catch (IOException e) {
      throw new DrydockException("cannot publish the advisory store " + store + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw db.failure("publishing the advisory store", e);
    } finally {
      deleteQuietly(snapshot);
    }
  }

  /**
   * At start: publishes this server's store when the database has none yet (the first server of a new database
   * shares what it has). Otherwise the database's store wins: a store changed on a node behind the server's back
   * ({@code drydock db update} on that machine) is replaced at the next sync.
   */
  synchronized void publishIfNone() {
    try {
      if (latest() == null) {
        publish();
      }
    } catch (SQLException e) {
      throw db.failure("reading the shared advisory store", e);
    }
  }

  /**
   * Installs the newest published store when it is not the one this server has: downloaded to a temporary file,
   * checked against its size and SHA-256, then swapped in under the store's build lock. Returns whether a store was
   * installed.
   */
  synchronized boolean follow() {
    Path file = null;
    try {
      Published last = latest();
      if (last == null) {
        return false;
      }
      if (installed == null) {
        Path store = engine.advisoryStoreFile();
        installed = Files.isRegularFile(store) ? sha256(store) : "";
      }
      if (last.sha256().equals(installed)) {
        return false;
      }
      Path tmp = Files.createDirectories(cacheDir.resolve("tmp"));
      file = Files.createTempFile(tmp, "vulndb-shared-", ".tmp");
      MessageDigest md = newSha256();
      long size = 0;
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement(
              "SELECT data FROM advisory_store_chunks WHERE store = ? ORDER BY seq");
          OutputStream out = Files.newOutputStream(file)) {
        ps.setLong(1, last.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byte[] b = rs.getBytes(1);
            md.update(b);
            out.write(b);
            size += b.length;
          }
        }
      }
      String got = HexFormat.of().formatHex(md.digest());
      if (size != last.size() || !got.equals(last.sha256())) {
        throw new DrydockException("the shared advisory store " + last.id() + " (published by " + last.node()
            + ") does not match its digest: expected sha256:" + last.sha256() + " (" + last.size() + " bytes), got"
            + " sha256:" + got + " (" + size + " bytes); the local store is unchanged");
      }
      engine.installAdvisoryStore(file);
      installed = last.sha256();
      return true;
    } catch (IOException e) {
      throw new DrydockException("cannot install the shared advisory store: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw db.failure("reading the shared advisory store", e);
    } finally {
      deleteQuietly(file);
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md = newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // in the cache's tmp directory: removed with it
      }
    }
  }
}
