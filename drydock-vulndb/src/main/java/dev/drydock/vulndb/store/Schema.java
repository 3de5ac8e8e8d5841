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
   * {@code source_contents} (what each source holds, for coverage). 3: records deflated with a preset dictionary
   * per source ({@code source_keys}), advisories keyed by a source number, {@code affected} and {@code aliases}
   * without rowid. 4: {@code end_of_life}, the support dates of OS releases (endoflife.date). A store of another version is not read: the reader asks for {@code drydock db update} or
   * {@code db import}, and a build starts that store afresh.
   */
  static final int VERSION = 4;

  static final String FILE_NAME = "vulndb.sqlite";

  private static final String[] DDL = {
    // one row per source that has advisories: its number (what advisories.source holds, a few bytes instead of
    // the name in every row) and the preset deflate dictionary its documents were compressed with (null: none)
    "CREATE TABLE source_keys (key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, dictionary BLOB)",
    // rowid is the join key; doc is the whole OSV record, compact JSON, deflated (RecordCodec). A record whose
    // id and affected package set equal an earlier one of the same source replaces it (SourceWriter).
    "CREATE TABLE advisories (rowid INTEGER PRIMARY KEY, source INTEGER NOT NULL, id TEXT NOT NULL,"
        + " doc BLOB NOT NULL)",
    "CREATE TABLE affected (ecosystem TEXT NOT NULL, name_key TEXT NOT NULL, advisory INTEGER NOT NULL,"
        + " PRIMARY KEY (ecosystem, name_key, advisory)) WITHOUT ROWID",
    "CREATE TABLE aliases (alias TEXT NOT NULL, advisory INTEGER NOT NULL, PRIMARY KEY (alias, advisory))"
        + " WITHOUT ROWID",
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
    // when an OS release's free security support ends (end_date, null: no end announced) and paid extended
    // support (extended); family and release as drydock reads os-release (ubuntu 22.04, rhel 9, debian 12)
    "CREATE TABLE end_of_life (family TEXT NOT NULL, release TEXT NOT NULL, source TEXT NOT NULL, end_date TEXT,"
        + " extended TEXT, link TEXT, PRIMARY KEY (family, release))",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
  };

  /** Tables {@code status()} counts. */
  static final String[] COUNTED_TABLES = {"advisories", "affected", "aliases", "kev", "epss", "end_of_life",
      "sources"};

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
