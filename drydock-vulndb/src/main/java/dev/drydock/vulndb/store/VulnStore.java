package dev.drydock.vulndb.store;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.DrydockException;
import dev.drydock.model.SqliteFiles;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local vulnerability store, {@code <cacheDir>/vulndb.sqlite}, opened read-only: the embedded
 * {@link AdvisoryStore}. Records are
 * decoded on every lookup; nothing large is cached. Thread-safe (lookups are serialised on one
 * connection). A rebuild replaces the file by rename, so an open store keeps reading its own snapshot.
 */
public final class VulnStore implements AdvisoryStore {

  private static final String BY_PACKAGE =
      "SELECT a.source, a.doc FROM advisories a WHERE a.rowid IN (SELECT advisory FROM affected"
          + " WHERE ecosystem = ? AND name_key = ?) ORDER BY a.id, a.rowid";
  /** Names per batched query (SQLite allows 32766 parameters; smaller batches keep the statement cache small). */
  private static final int NAMES_PER_QUERY = 256;
  // no index on advisories.id (ids are looked up by matching through affected, byId is for db tooling and
  // tests): an id is found by a scan, an alias through its index
  private static final String BY_ID =
      "SELECT a.source, a.doc FROM advisories a WHERE a.id = ? UNION ALL SELECT a.source, a.doc FROM aliases s"
          + " JOIN advisories a ON a.rowid = s.advisory WHERE s.alias = ?";

  private final Path file;
  private final Connection connection;
  private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();
  /** Each source's deflate dictionary by its key (sources without one are absent). */
  private final Map<Long, byte[]> dictionaries;

  private VulnStore(Path file, Connection connection, Map<Long, byte[]> dictionaries) {
    this.file = file;
    this.connection = connection;
    this.dictionaries = dictionaries;
  }

  /** The store file in {@code cacheDir}. */
  public static Path storeFile(Path cacheDir) {
    return cacheDir.resolve(Schema.FILE_NAME);
  }

  /** Opens {@code <cacheDir>/vulndb.sqlite} read-only; fails if it is missing or has another schema. */
  public static VulnStore open(Path cacheDir) {
    Path file = storeFile(cacheDir);
    if (!Files.isRegularFile(file)) {
      throw new DrydockException(
          "no vulnerability store at " + file + ": run 'drydock db update' or 'drydock db import'");
    }
    Connection c = connect(file, true);
    try {
      int schema = Schema.version(c);
      if (schema != Schema.VERSION) {
        c.close();
        throw new DrydockException("vulnerability store " + file + " has schema " + schema
            + ", this drydock needs " + Schema.VERSION + ": run 'drydock db update' (or 'drydock db import' offline)"
            + " to build it again");
      }
      Map<Long, byte[]> dictionaries = new java.util.HashMap<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT key, dictionary FROM source_keys WHERE dictionary IS NOT NULL")) {
        while (rs.next()) {
          dictionaries.put(rs.getLong(1), rs.getBytes(2));
        }
      }
      return new VulnStore(file, c, dictionaries);
    } catch (SQLException e) {
      SqliteFiles.closeQuietly(c);
      throw new DrydockException("cannot read vulnerability store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code <cacheDir>/vulndb.sqlite} exists and has this drydock's schema (a store built by another
   * drydock version is to be built again, not read).
   */
  public static boolean isCurrent(Path cacheDir) {
    Path file = storeFile(cacheDir);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    Connection c = connect(file, true);
    try {
      return Schema.version(c) == Schema.VERSION;
    } catch (SQLException e) {
      return false;
    } finally {
      SqliteFiles.closeQuietly(c);
    }
  }

  static Connection connect(Path file, boolean readOnly) {
    try {
      return SqliteFiles.open(new org.sqlite.JDBC(), file, readOnly ? SqliteFiles.Use.READ : SqliteFiles.Use.BUILD);
    } catch (SQLException e) {
      throw new DrydockException("cannot open vulnerability store " + file + ": " + e.getMessage(), e);
    }
  }

  /** One stored document: its source's key and the compressed JSON. */
  private record Blob(long source, byte[] doc) {}

  @Override
  public List<OsvRecord> advisories(String ecosystem, String name) {
    // only the query holds the connection; decoding runs outside the lock so matching can run in parallel
    List<Blob> blobs = new ArrayList<>();
    synchronized (this) {
      try {
        PreparedStatement ps = statement(BY_PACKAGE);
        ps.setString(1, ecosystem);
        ps.setString(2, Schema.nameKey(ecosystem, name));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            blobs.add(new Blob(rs.getLong(1), rs.getBytes(2)));
          }
        }
      } catch (SQLException e) {
        throw readError(e);
      }
    }
    List<OsvRecord> out = new ArrayList<>(blobs.size());
    for (Blob b : blobs) {
      out.add(decode(b));
    }
    return out;
  }

  /**
   * The advisories of many packages of one ecosystem, a few queries for all of them: by name as given, each list
   * as {@link #advisories(String, String)} orders it. A record that several names share is decoded once.
   */
  @Override
  public Map<String, List<OsvRecord>> advisories(String ecosystem, java.util.Collection<String> names) {
    Map<String, List<String>> namesByKey = new LinkedHashMap<>();
    for (String n : names) {
      namesByKey.computeIfAbsent(Schema.nameKey(ecosystem, n), k -> new ArrayList<>()).add(n);
    }
    List<String> keys = new ArrayList<>(namesByKey.keySet());
    // per name key: (id, rowid) order as the single query has it, rowids into one map of blobs
    Map<String, List<long[]>> rowsByKey = new java.util.HashMap<>();
    Map<Long, Blob> blobs = new java.util.HashMap<>();
    Map<Long, String> ids = new java.util.HashMap<>();
    synchronized (this) {
      try {
        for (int from = 0; from < keys.size(); from += NAMES_PER_QUERY) {
          List<String> chunk = keys.subList(from, Math.min(keys.size(), from + NAMES_PER_QUERY));
          PreparedStatement ps = statement(batchQuery(chunk.size()));
          ps.setString(1, ecosystem);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 2, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long rowid = rs.getLong(2);
              rowsByKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new long[] {rowid});
              if (!blobs.containsKey(rowid)) {
                ids.put(rowid, rs.getString(3));
                blobs.put(rowid, new Blob(rs.getLong(4), rs.getBytes(5)));
              }
            }
          }
        }
      } catch (SQLException e) {
        throw readError(e);
      }
    }
    Map<Long, OsvRecord> decoded = new java.util.concurrent.ConcurrentHashMap<>();
    blobs.entrySet().parallelStream().forEach(e -> decoded.put(e.getKey(), decode(e.getValue())));
    Map<String, List<OsvRecord>> out = new LinkedHashMap<>();
    Comparator<long[]> order = Comparator.comparing((long[] r) -> ids.get(r[0])).thenComparingLong(r -> r[0]);
    for (Map.Entry<String, List<String>> e : namesByKey.entrySet()) {
      List<long[]> rows = rowsByKey.getOrDefault(e.getKey(), List.of());
      List<long[]> sorted = new ArrayList<>(rows);
      sorted.sort(order);
      List<OsvRecord> records = new ArrayList<>(sorted.size());
      for (long[] r : sorted) {
        records.add(decoded.get(r[0]));
      }
      List<OsvRecord> list = List.copyOf(records);
      for (String n : e.getValue()) {
        out.put(n, list);
      }
    }
    return out;
  }

  private static String batchQuery(int n) {
    StringBuilder sql = new StringBuilder("SELECT f.name_key, a.rowid, a.id, a.source, a.doc FROM affected f"
        + " JOIN advisories a ON a.rowid = f.advisory WHERE f.ecosystem = ? AND f.name_key IN (");
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    return sql.append(')').toString();
  }

  private OsvRecord decode(Blob b) {
    try {
      return RecordCodec.decode(b.doc(), dictionaries.get(b.source()));
    } catch (IOException e) {
      throw new DrydockException("vulnerability store " + file + " has a corrupt record: "
          + e.getMessage() + ": run 'drydock db update'", e);
    }
  }

  /** Advisories whose id or one of whose aliases is {@code idOrAlias} (one per source that has it). */
  @Override
  public synchronized List<OsvRecord> byId(String idOrAlias) {
    try {
      PreparedStatement ps = statement(BY_ID);
      ps.setString(1, idOrAlias);
      ps.setString(2, idOrAlias);
      List<OsvRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(decode(new Blob(rs.getLong(1), rs.getBytes(2))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  @Override
  public synchronized Optional<Kev> kev(String cve) {
    String sql = "SELECT date_added, due_date, ransomware, vendor_project, product, required_action"
        + " FROM kev WHERE cve = ?";
    try {
      PreparedStatement ps = statement(sql);
      ps.setString(1, cve);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Kev(cve, rs.getString(1), rs.getString(2), rs.getInt(3) != 0,
            rs.getString(4), rs.getString(5), rs.getString(6)));
      }
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  @Override
  public synchronized Optional<EndOfLifeEntry> endOfLife(String family, String release) {
    String sql = "SELECT end_date, extended, link, source FROM end_of_life WHERE family = ? AND release = ?";
    try {
      PreparedStatement ps = statement(sql);
      ps.setString(1, family);
      ps.setString(2, release);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new EndOfLifeEntry(family, release, rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4)));
      }
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  @Override
  public synchronized Optional<Epss> epss(String cve) {
    try {
      PreparedStatement ps = statement("SELECT score, percentile, date FROM epss WHERE cve = ?");
      ps.setString(1, cve);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Epss(cve, rs.getDouble(1), rs.getDouble(2), rs.getString(3)));
      }
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  /** Schema, build time, sources and table counts. */
  @Override
  public synchronized StoreStatus status() {
    try (Statement st = connection.createStatement()) {
      Instant builtAt = null;
      try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'built_at'")) {
        if (rs.next() && rs.getString(1) != null) {
          builtAt = Instant.parse(rs.getString(1));
        }
      }
      List<StoreStatus.SourceRow> sources = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT name, kind, location, records, skipped, imported_at, data_date,"
          + " sha256 FROM sources ORDER BY name")) {
        while (rs.next()) {
          String at = rs.getString(6);
          sources.add(new StoreStatus.SourceRow(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getLong(4), rs.getLong(5), at == null ? null : Instant.parse(at), rs.getString(7), rs.getString(8)));
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table : Schema.COUNTED_TABLES) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
      return new StoreStatus(file.toString(), Schema.version(connection), builtAt, sources, counts);
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  @Override
  public synchronized List<Source> sources() {
    Map<String, Map<String, Long>> contents = new LinkedHashMap<>();
    List<Source> out = new ArrayList<>();
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT source, content, records FROM source_contents ORDER BY source, content")) {
        while (rs.next()) {
          contents.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
        }
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT name, data_date, imported_at, records, sha256 FROM sources ORDER BY name")) {
        while (rs.next()) {
          String sha = rs.getString(5);
          AdvisoryData data = new AdvisoryData(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
              sha == null ? null : sha.startsWith("sha256:") ? sha : "sha256:" + sha);
          out.add(new Source(data, contents.getOrDefault(data.source(), Map.of())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  /**
   * The SHA-256 of the file each source was imported from, by source name (sources imported without one
   * are absent).
   */
  @Override
  public synchronized Map<String, String> sourceSha256() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT name, sha256 FROM sources WHERE sha256 IS NOT NULL")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  /** Time since this store was built. */
  @Override
  public synchronized Duration age() {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'built_at'")) {
      String at = rs.next() ? rs.getString(1) : null;
      return at == null ? Duration.ZERO : Duration.between(Instant.parse(at), Instant.now());
    } catch (SQLException e) {
      throw readError(e);
    }
  }

  /** The file this store reads. */
  public Path file() {
    return file;
  }

  private DrydockException readError(SQLException e) {
    return new DrydockException("cannot read vulnerability store " + file + ": " + e.getMessage(), e);
  }

  /** Prepared once per store: matching asks thousands of times. Callers hold the monitor. */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  @Override
  public synchronized void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    statements.clear();
    SqliteFiles.closeQuietly(connection);
  }
}
