package dev.drydock.server;

import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.engine.cache.InventoryStore;
import dev.drydock.engine.cache.LayerCache;
import dev.drydock.engine.cache.LayerFactStore;
import dev.drydock.model.DrydockException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The engine's layer-fact and inventory ports on PostgreSQL, shared by every server on the database. Facts use the
 * embedded cache's encoding ({@link LayerCache#encodeOutput}). A layer is claimed with a session advisory lock on
 * its own connection ({@link #claimLayer}): a second server reaching the same new layer waits, then finds its facts;
 * a server that dies (even by SIGKILL) loses its session and so its locks. Blob stamps and image paths name files
 * on one server's disk, so they are kept per {@code node}.
 */
final class PgLayerStore implements LayerFactStore, InventoryStore {
  private final Database db;
  private final String node;
  private final String lockUrl;
  private final java.util.Properties lockProps;
  final AtomicLong layersIndexed = new AtomicLong();

  PgLayerStore(Database db, String node, String lockUrl, java.util.Properties lockProps) {
    this.db = db;
    this.node = node;
    this.lockUrl = lockUrl;
    this.lockProps = lockProps;
  }

  @Override
  public Map<String, AnalyzerOutput> getAll(String diffId, String options) {
    Map<String, AnalyzerOutput> out = new HashMap<>();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT analyzer, version, facts FROM layer_facts WHERE diff_id=? AND options=? AND format=?")) {
      ps.setString(1, diffId);
      ps.setString(2, options);
      ps.setInt(3, LayerCache.format());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try {
            out.put(rs.getString(1) + "@" + rs.getInt(2), LayerCache.decodeOutput(rs.getBytes(3)));
          } catch (IOException e) {
            // undecodable: a miss, overwritten by the next put
          }
        }
      }
    } catch (SQLException e) {
      throw failed("read layer facts", e);
    }
    return out;
  }

  @Override
  public void put(String diffId, String analyzer, int version, String options, AnalyzerOutput output) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO layer_facts(diff_id, analyzer, version, options,"
          + " format, facts, created_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (diff_id, analyzer, version, options)"
          + " DO UPDATE SET format=EXCLUDED.format, facts=EXCLUDED.facts, created_at=EXCLUDED.created_at")) {
        ps.setString(1, diffId);
        ps.setString(2, analyzer);
        ps.setInt(3, version);
        ps.setString(4, options);
        ps.setInt(5, LayerCache.format());
        ps.setBytes(6, LayerCache.encodeOutput(output));
        ps.setLong(7, System.currentTimeMillis());
        ps.executeUpdate();
      }
      if (analyzer.equals("layer")) { // the structure pseudo-analyzer: stored once, when the layer is first walked
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO layer_index_log(diff_id, node, at) VALUES (?,?,?)")) {
          ps.setString(1, diffId);
          ps.setString(2, node);
          ps.setLong(3, System.currentTimeMillis());
          ps.executeUpdate();
        }
        layersIndexed.incrementAndGet();
      }
      c.commit();
    } catch (SQLException e) {
      throw failed("write layer facts", e);
    }
  }

  @Override
  public void putVerifiedLayer(String blobDigest, String diffId) {
    update("INSERT INTO verified_layers(blob_digest, diff_id, created_at) VALUES (?,?,?) ON CONFLICT DO NOTHING",
        blobDigest, diffId, System.currentTimeMillis());
  }

  @Override
  public boolean isVerifiedLayer(String blobDigest, String diffId) {
    return query("SELECT 'yes' FROM verified_layers WHERE blob_digest=? AND diff_id=?", blobDigest, diffId)
        .isPresent();
  }

  @Override
  public void putBlobStamp(String path, String entry, String stamp, String blobDigest) {
    update("INSERT INTO blob_stamps(node, path, entry, stamp, blob_digest, created_at) VALUES (?,?,?,?,?,?)"
        + " ON CONFLICT (node, path, entry) DO UPDATE SET stamp=EXCLUDED.stamp, blob_digest=EXCLUDED.blob_digest,"
        + " created_at=EXCLUDED.created_at", node, path, entry, stamp, blobDigest, System.currentTimeMillis());
  }

  @Override
  public Optional<String> blobDigestByStamp(String path, String entry, String stamp) {
    return query("SELECT blob_digest FROM blob_stamps WHERE node=? AND path=? AND entry=? AND stamp=?", node, path,
        entry, stamp);
  }

  /**
   * A session advisory lock on the layer, on a connection of its own (not the pool's: a claim is held while the
   * layer is analysed, which itself needs pooled connections).
   */
  @Override
  public Claim claimLayer(String diffId) {
    Connection c;
    try {
      c = DriverManager.getConnection(lockUrl, lockProps);
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(7162, hashtext(?))")) {
        ps.setString(1, diffId);
        ps.execute();
      }
    } catch (SQLException e) {
      throw failed("claim layer " + diffId, e);
    }
    return () -> {
      try (c) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_unlock_all()");
        }
      } catch (SQLException e) {
        // closing the session releases the lock anyway
      }
    };
  }

  @Override
  public void putScan(String key, String target, byte[] encoded) {
    update("INSERT INTO scans(image_key, target, result, created_at) VALUES (?,?,?,?) ON CONFLICT (image_key)"
        + " DO UPDATE SET target=EXCLUDED.target, result=EXCLUDED.result, created_at=EXCLUDED.created_at", key,
        target, gzip(encoded), System.currentTimeMillis());
  }

  @Override
  public void copyScan(String fromKey, String toKey, String target) {
    update("INSERT INTO scans(image_key, target, result, created_at) SELECT ?, ?, result, ? FROM scans"
        + " WHERE image_key=? ON CONFLICT (image_key) DO UPDATE SET target=EXCLUDED.target, result=EXCLUDED.result,"
        + " created_at=EXCLUDED.created_at", toKey, target, System.currentTimeMillis(), fromKey);
  }

  @Override
  public Optional<byte[]> getScan(String key) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT result FROM scans WHERE image_key=?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(rs.getBytes(1)))) {
          return Optional.of(in.readAllBytes());
        }
      }
    } catch (SQLException e) {
      throw failed("read inventories", e);
    } catch (IOException e) {
      throw new DrydockException("cannot read inventories in " + db.where() + ": " + e.getMessage(), e);
    }
  }

  /** What one garbage collection removed. */
  record Collected(int inventories, int layers) {}

  /**
   * Garbage collection of the shared store: whole-image inventories not written again for {@code retentionDays}
   * (re-matching reads results, not these; a later scan of the image rebuilds its inventory from layer facts), then
   * the facts of every layer that no remaining inventory lists, unless written in the last {@code graceMillis} (a
   * scan running now may have indexed a layer whose image it has not stored yet).
   */
  Collected collect(int retentionDays, long graceMillis) {
    long now = System.currentTimeMillis();
    int inventories;
    java.util.Set<String> referenced = new java.util.HashSet<>();
    List<String> candidates = new ArrayList<>();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    try (Connection c = db.connection()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM image_paths WHERE image_key IN"
          + " (SELECT image_key FROM scans WHERE created_at < ?)")) {
        ps.setLong(1, now - retentionDays * 86_400_000L);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM scans WHERE created_at < ?")) {
        ps.setLong(1, now - retentionDays * 86_400_000L);
        inventories = ps.executeUpdate();
      }
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT image_key, result FROM scans")) {
        while (rs.next()) {
          try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(rs.getBytes(2)))) {
            for (com.fasterxml.jackson.databind.JsonNode layer : json.readTree(in).path("layers")) {
              referenced.add(layer.path("diffId").asText());
            }
          } catch (IOException e) {
            // an inventory that cannot be read keeps nothing alive (and is rebuilt by the next scan); but its
            // layers stay while any other inventory lists them
            continue;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT diff_id FROM layer_facts GROUP BY diff_id"
          + " HAVING MAX(created_at) < ?")) {
        ps.setLong(1, now - graceMillis);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (!referenced.contains(rs.getString(1))) {
              candidates.add(rs.getString(1));
            }
          }
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement facts = c.prepareStatement("DELETE FROM layer_facts WHERE diff_id=? AND created_at < ?");
          PreparedStatement verified = c.prepareStatement("DELETE FROM verified_layers WHERE diff_id=?")) {
        for (String diffId : candidates) {
          facts.setString(1, diffId);
          facts.setLong(2, now - graceMillis);
          facts.addBatch();
          verified.setString(1, diffId);
          verified.addBatch();
        }
        facts.executeBatch();
        verified.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("collect unreferenced layer facts", e);
    }
    return new Collected(inventories, candidates.size());
  }

  @Override
  public void removeScan(String key) {
    update("DELETE FROM scans WHERE image_key=?", key);
  }

  @Override
  public List<String> scanKeys() {
    List<String> keys = new ArrayList<>();
    try (Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT image_key FROM scans ORDER BY created_at")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw failed("read inventories", e);
    }
    return keys;
  }

  @Override
  public void putImagePath(String path, String imageKey) {
    update("INSERT INTO image_paths(node, path, image_key, created_at) VALUES (?,?,?,?) ON CONFLICT (node, path)"
        + " DO UPDATE SET image_key=EXCLUDED.image_key, created_at=EXCLUDED.created_at", node, path, imageKey,
        System.currentTimeMillis());
  }

  @Override
  public Optional<String> imageKeyAt(String path) {
    return query("SELECT image_key FROM image_paths WHERE node=? AND path=?", node, path);
  }

  private void update(String sql, Object... args) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("write", e);
    }
  }

  private Optional<String> query(String sql, Object... args) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read", e);
    }
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else if (a instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a == null) {
        ps.setNull(i + 1, java.sql.Types.VARCHAR);
      } else {
        ps.setString(i + 1, (String) a);
      }
    }
  }

  private DrydockException failed(String what, SQLException e) {
    return db.failure(what, e);
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
}
