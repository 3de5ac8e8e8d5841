package dev.drydock.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.drydock.engine.cache.SqliteNative;
import dev.drydock.model.DrydockException;
import dev.drydock.model.SchemaMigrations;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's database: the embedded SQLite file (one node) or a PostgreSQL database shared by any number of
 * servers, behind one connection pool, brought to this drydock's schema by the numbered steps of
 * {@link SchemaMigrations} (the same mechanism as the cache). On PostgreSQL the steps run under an advisory lock, so
 * servers starting together migrate once.
 */
public final class Database implements AutoCloseable {
  /** Which SQL the database speaks. */
  public enum Dialect { SQLITE, POSTGRESQL }

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final String where;

  private Database(Dialect dialect, HikariDataSource pool, String where) {
    this.dialect = dialect;
    this.pool = pool;
    this.where = where;
  }

  /** The JDBC URL (for connections outside the pool: layer claims). */
  String jdbcUrl() {
    return pool.getJdbcUrl();
  }

  /** User and password of {@link #jdbcUrl}. */
  java.util.Properties credentials() {
    java.util.Properties p = new java.util.Properties();
    if (pool.getUsername() != null) {
      p.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      p.setProperty("password", pool.getPassword());
    }
    return p;
  }

  /** Opens (and migrates) the store named by {@code spec}: {@code sqlite:PATH} or {@code postgresql://...}. */
  public static Database open(String spec, Path cacheDir) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("drydock-server");
    hc.setConnectionTimeout(30_000);
    Dialect dialect;
    String where;
    if (spec.startsWith("sqlite:")) {
      dialect = Dialect.SQLITE;
      Path file = Path.of(spec.substring("sqlite:".length())).toAbsolutePath().normalize();
      where = file.toString();
      try {
        Files.createDirectories(file.getParent());
      } catch (java.io.IOException e) {
        throw new DrydockException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
      }
      SqliteNative.prepare(cacheDir);
      hc.setDriverClassName("org.sqlite.JDBC");
      hc.setJdbcUrl("jdbc:sqlite:" + file);
      hc.setMaximumPoolSize(4);
      hc.addDataSourceProperty("journal_mode", "WAL");
      hc.addDataSourceProperty("busy_timeout", "30000");
      hc.setConnectionInitSql("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000");
    } else if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
      dialect = Dialect.POSTGRESQL;
      URI uri = URI.create(spec);
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] up = uri.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
        password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : null;
      }
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      where = "postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
      hc.setDriverClassName("org.postgresql.Driver");
      hc.setJdbcUrl("jdbc:" + where + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
      if (user != null) {
        hc.setUsername(user);
      }
      if (password != null) {
        hc.setPassword(password);
      } else if (System.getenv("PGPASSWORD") != null) {
        hc.setPassword(System.getenv("PGPASSWORD"));
      }
      hc.setMaximumPoolSize(16);
      hc.setConnectionTimeout(10_000); // a database outage answers 503 in 10 s, not after 30
    } else {
      throw new DrydockException("--store: expected sqlite:PATH or postgresql://HOST:PORT/DB, not '" + spec + "'");
    }
    hc.setInitializationFailTimeout(-1); // the first connection is made below, with a clear message
    HikariDataSource pool = new HikariDataSource(hc);
    Database db = new Database(dialect, pool, where);
    try {
      db.migrate();
    } catch (SQLException | RuntimeException e) {
      pool.close();
      throw new DrydockException("cannot open server store " + where + ": " + e.getMessage(), e);
    }
    return db;
  }

  /** The store does not answer (connection refused, timed out, shut down): the API says 503, not 400. */
  public static final class Unavailable extends DrydockException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The exception for a failed {@code what}: {@link Unavailable} when the database could not be reached (SQL state
   * class 08, an administrator shutdown 57P, or no connection within the pool's timeout), else a plain one.
   */
  DrydockException failure(String what, java.sql.SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    if (e instanceof java.sql.SQLTransientConnectionException || state.startsWith("08") || state.startsWith("57P")) {
      return new Unavailable("the server store " + where + " is unreachable (cannot " + what + "): " + message, e);
    }
    return new DrydockException("cannot " + what + " in " + where + ": " + message, e);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The store as named in messages (no password). */
  public String where() {
    return where;
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** Whether the database answers (readiness). */
  public boolean reachable() {
    try (Connection c = connection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private void migrate() throws SQLException {
    try (Connection c = pool.getConnection()) {
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_lock(7161)"); // one migrating server at a time
        }
      }
      try {
        SchemaMigrations.apply(c, "server store " + where, steps(dialect));
      } finally {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(7161)");
          }
        }
      }
    }
  }

  /** The schema steps of the server store; the layer-fact and inventory tables only on PostgreSQL. */
  static List<SchemaMigrations.Step> steps(Dialect d) {
    String blob = d == Dialect.POSTGRESQL ? "BYTEA" : "BLOB";
    List<String> one = new ArrayList<>(List.of(
        "CREATE TABLE jobs (id TEXT PRIMARY KEY, target TEXT NOT NULL, state TEXT NOT NULL, worker TEXT,"
            + " lease_until BIGINT, attempts INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL,"
            + " started_at BIGINT, finished_at BIGINT, error TEXT)",
        "CREATE INDEX jobs_state ON jobs (state, created_at)",
        "CREATE TABLE job_events (job_id TEXT NOT NULL, worker TEXT NOT NULL, event TEXT NOT NULL,"
            + " at BIGINT NOT NULL)",
        "CREATE INDEX job_events_job ON job_events (job_id)",
        "CREATE TABLE results (job_id TEXT PRIMARY KEY, image TEXT NOT NULL, created_at BIGINT NOT NULL,"
            + " result " + blob + " NOT NULL)",
        "CREATE INDEX results_image ON results (image, created_at)",
        "CREATE TABLE tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, scope TEXT NOT NULL,"
            + " name TEXT NOT NULL, created_at BIGINT NOT NULL)",
        "CREATE TABLE baselines (name TEXT PRIMARY KEY, content TEXT NOT NULL, updated_at BIGINT NOT NULL)"));
    if (d == Dialect.POSTGRESQL) {
      one.addAll(List.of(
          "CREATE TABLE layer_facts (diff_id TEXT NOT NULL, analyzer TEXT NOT NULL, version INTEGER NOT NULL,"
              + " options TEXT NOT NULL, format INTEGER NOT NULL, facts BYTEA NOT NULL, created_at BIGINT NOT NULL,"
              + " PRIMARY KEY (diff_id, analyzer, version, options))",
          "CREATE TABLE verified_layers (blob_digest TEXT NOT NULL, diff_id TEXT NOT NULL,"
              + " created_at BIGINT NOT NULL, PRIMARY KEY (blob_digest, diff_id))",
          "CREATE TABLE blob_stamps (node TEXT NOT NULL, path TEXT NOT NULL, entry TEXT NOT NULL,"
              + " stamp TEXT NOT NULL, blob_digest TEXT NOT NULL, created_at BIGINT NOT NULL,"
              + " PRIMARY KEY (node, path, entry))",
          "CREATE TABLE scans (image_key TEXT PRIMARY KEY, target TEXT NOT NULL, result BYTEA NOT NULL,"
              + " created_at BIGINT NOT NULL)",
          "CREATE TABLE image_paths (node TEXT NOT NULL, path TEXT NOT NULL, image_key TEXT NOT NULL,"
              + " created_at BIGINT NOT NULL, PRIMARY KEY (node, path))",
          // one row each time a server indexed a layer (its structure facts were missing): the scale-out
          // tests and /metrics count them
          "CREATE TABLE layer_index_log (diff_id TEXT NOT NULL, node TEXT NOT NULL, at BIGINT NOT NULL)"));
    }
    String id = d == Dialect.POSTGRESQL ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
    return List.of(new SchemaMigrations.Step(1, "jobs, results, tokens, baselines"
        + (d == Dialect.POSTGRESQL ? "; shared layer facts and inventories" : ""), one),
        new SchemaMigrations.Step(2, "webhook delivery log", List.of(
            "CREATE TABLE deliveries (id " + id + ", delivery TEXT NOT NULL, url TEXT NOT NULL,"
                + " image TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, last_status INTEGER,"
                + " last_error TEXT, created_at BIGINT NOT NULL, finished_at BIGINT)")),
        // the advisory store every server of the database matches with (SharedAdvisories; used on PostgreSQL)
        new SchemaMigrations.Step(3, "shared advisory store", List.of(
            "CREATE TABLE advisory_stores (id " + id + ", sha256 TEXT NOT NULL, size BIGINT NOT NULL,"
                + " node TEXT NOT NULL, created_at BIGINT NOT NULL)",
            "CREATE TABLE advisory_store_chunks (store BIGINT NOT NULL, seq INTEGER NOT NULL, data " + blob
                + " NOT NULL, PRIMARY KEY (store, seq))")));
  }

  @Override
  public void close() {
    pool.close();
  }
}
