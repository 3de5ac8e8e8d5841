package dev.drydock.analyzers.os.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rpm SQLite databases built by an attacker (issue 18: a 256 KB image whose {@code Packages} is a recursive
 * VIEW grew SQLite's sort file in /var/tmp to 65 GB). Each database here is bounded, so the test cannot fill
 * a disk even where the defence is missing.
 */
class SqliteRpmDbHostileTest {
  @TempDir Path dir;

  private Path db(String... ddl) throws SQLException {
    Path f = dir.resolve("rpmdb-" + System.nanoTime() + ".sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f); Statement st = c.createStatement()) {
      for (String s : ddl) {
        st.execute(s);
      }
    }
    return f;
  }

  private List<byte[]> read(Path f) throws SQLException {
    List<byte[]> out = new ArrayList<>();
    SqliteRpmDb.readBlobs(f, out::add);
    return out;
  }

  @Test
  void aRecursiveViewNamedPackagesIsRefusedBeforeItRuns() throws Exception {
    // bounded at 200,000 rows here; the reported one had no bound
    Path f = db("CREATE VIEW Packages AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
        + " WHERE x < 200000) SELECT x AS hnum, randomblob(64) AS blob FROM c");
    assertThat(Files.size(f)).isLessThan(64 * 1024);
    assertThatThrownBy(() -> read(f)).isInstanceOf(SQLException.class).hasMessageContaining("view");
  }

  @Test
  void aTriggerIsRefused() throws SQLException {
    Path f = db("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        "CREATE TABLE log (x)",
        "CREATE TRIGGER t AFTER INSERT ON Packages BEGIN INSERT INTO log VALUES (1); END");
    assertThatThrownBy(() -> read(f)).isInstanceOf(SQLException.class).hasMessageContaining("trigger");
  }

  @Test
  void aDatabaseWithoutAPackagesTableIsRefused() throws SQLException {
    Path f = db("CREATE TABLE Other (hnum INTEGER PRIMARY KEY, blob BLOB)");
    assertThatThrownBy(() -> read(f)).isInstanceOf(SQLException.class).hasMessageContaining("no Packages table");
  }

  @Test
  void rpmsOwnShapeIsRead() throws SQLException {
    Path f = db("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        "CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL,"
            + " FOREIGN KEY(hnum) REFERENCES Packages(hnum))",
        "CREATE INDEX Name_key_idx ON Name(key ASC)",
        "INSERT INTO Packages (blob) VALUES (x'0102'), (x'0304')");
    assertThat(read(f)).hasSize(2);
  }

  @Test
  void rowsBeyondTheBoundStopTheRead() throws SQLException {
    Path f = db("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + (SqliteRpmDb.MAX_ROWS + 5)
            + ") INSERT INTO Packages (blob) SELECT x'00' FROM c");
    List<byte[]> got = new ArrayList<>();
    assertThatThrownBy(() -> SqliteRpmDb.readBlobs(f, got::add)).hasMessageContaining("more than");
    assertThat(got).hasSize(SqliteRpmDb.MAX_ROWS);
  }

  /**
   * Past a bound, or holding what rpm never writes, the database is a reported skip (an IOException the layer's
   * warnings name: "rpm could not read it: ..."), not taken for an image without packages.
   */
  @Test
  void theAnalyzerReportsARefusedDatabase() throws SQLException {
    dev.drydock.analyzers.os.rpm.RpmAnalyzer analyzer = new dev.drydock.analyzers.os.rpm.RpmAnalyzer();
    Path rows = db("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + (SqliteRpmDb.MAX_ROWS + 5)
            + ") INSERT INTO Packages (blob) SELECT x'00' FROM c");
    assertThatThrownBy(() -> analyzer.analyze(dev.drydock.analyzers.FileInput.ofFile("var/lib/rpm/rpmdb.sqlite",
        rows, 0644)))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("more than 200000 rows in Packages (limit)");
    Path view = db("CREATE VIEW Packages AS SELECT 1 AS hnum, x'00' AS blob");
    assertThatThrownBy(() -> analyzer.analyze(dev.drydock.analyzers.FileInput.ofFile("var/lib/rpm/rpmdb.sqlite",
        view, 0644)))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("not an rpm database: it holds a view (Packages)");
  }
}
