package dev.drydock.vulndb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

/** Table layout of {@code vulndb.sqlite} and the name keys lookups use. */
final class Schema {

  /**
   * Bump on any incompatible change; {@code PRAGMA user_version} holds it. 2: {@code sources.data_date} and
   * {@code source_contents} (what each source holds, for coverage). A store of another version is not read: the
   * reader asks for {@code drydock db update} or {@code db import}, and a build starts that store afresh.
   */
  static final int VERSION = 2;

  static final String FILE_NAME = "vulndb.sqlite";

  private static final String[] DDL = {
    // rowid is the join key; (source, id, variant) identifies one record of one source, variant being a
    // hash of its affected package set (the same id may legitimately come once per Alpine branch file).
    "CREATE TABLE advisories (rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL,"
        + " variant TEXT NOT NULL, modified TEXT, json BLOB NOT NULL)",
    "CREATE UNIQUE INDEX advisories_key ON advisories(source, id, variant)",
    "CREATE TABLE affected (ecosystem TEXT NOT NULL, name_key TEXT NOT NULL, advisory INTEGER NOT NULL)",
    "CREATE INDEX affected_pkg ON affected(ecosystem, name_key)",
    "CREATE TABLE aliases (alias TEXT NOT NULL, advisory INTEGER NOT NULL)",
    "CREATE INDEX aliases_alias ON aliases(alias)",
    "CREATE TABLE kev (cve TEXT PRIMARY KEY, source TEXT NOT NULL, date_added TEXT, due_date TEXT,"
        + " ransomware INTEGER NOT NULL, vendor_project TEXT, product TEXT, required_action TEXT)",
    "CREATE TABLE epss (cve TEXT PRIMARY KEY, source TEXT NOT NULL, score REAL NOT NULL,"
        + " percentile REAL NOT NULL, date TEXT)",
    // data_date: when the publisher last changed the data (OSV max modified, KEV dateReleased, EPSS score
    // date), null when the data does not say; sha256: hex digest of the file(s) imported
    "CREATE TABLE sources (name TEXT PRIMARY KEY, kind TEXT, location TEXT, etag TEXT, last_modified TEXT,"
        + " sha256 TEXT, imported_at TEXT, records INTEGER NOT NULL, skipped INTEGER NOT NULL, data_date TEXT)",
    // what a source holds: an OSV ecosystem as affected[] names it (Debian:12, Alpine:v3.19, npm) or kev / epss
    "CREATE TABLE source_contents (source TEXT NOT NULL, content TEXT NOT NULL, records INTEGER NOT NULL,"
        + " PRIMARY KEY (source, content))",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
  };

  /** Tables {@code status()} counts. */
  static final String[] COUNTED_TABLES = {"advisories", "affected", "aliases", "kev", "epss", "sources"};

  private static final Pattern PEP503_RUNS = Pattern.compile("[-_.]+");

  private Schema() {}

  static void create(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String ddl : DDL) {
        st.execute(ddl);
      }
      st.execute("PRAGMA user_version = " + VERSION);
    }
  }

  static int version(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** The name as lookups compare it: PyPI names normalised per PEP 503, others unchanged. */
  static String nameKey(String ecosystem, String name) {
    if ("PyPI".equals(ecosystem)) {
      return PEP503_RUNS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }
    return name;
  }
}
