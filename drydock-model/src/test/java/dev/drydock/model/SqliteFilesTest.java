package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFilesTest {
  @TempDir Path dir;

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void buildHasNoJournalAndNoFsync() throws SQLException {
    try (Connection c = SqliteFiles.open(new org.sqlite.JDBC(), dir.resolve("b.sqlite"), SqliteFiles.Use.BUILD)) {
      assertThat(pragma(c, "journal_mode")).isEqualTo("off");
      assertThat(pragma(c, "synchronous")).isEqualTo("0");
    }
  }

  @Test
  void sharedUsesWalAndWaitsForOtherWriters() throws SQLException {
    try (Connection c = SqliteFiles.open(new org.sqlite.JDBC(), dir.resolve("s.sqlite"), SqliteFiles.Use.SHARED)) {
      assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(c, "synchronous")).isEqualTo("1");
      assertThat(pragma(c, "busy_timeout")).isEqualTo("30000");
    }
  }

  @Test
  void readRefusesWritesAndDoesNotCreateFiles() throws SQLException {
    Path file = dir.resolve("r.sqlite");
    try (Connection c = SqliteFiles.open(new org.sqlite.JDBC(), file, SqliteFiles.Use.BUILD);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x INTEGER)");
    }
    try (Connection c = SqliteFiles.open(new org.sqlite.JDBC(), file, SqliteFiles.Use.READ);
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)")).isInstanceOf(SQLException.class)
          .hasMessageContaining("readonly");
    }
    assertThatThrownBy(() -> SqliteFiles.open(new org.sqlite.JDBC(), dir.resolve("missing.sqlite"),
        SqliteFiles.Use.READ)).isInstanceOf(SQLException.class);
    assertThat(dir.resolve("missing.sqlite")).doesNotExist();
  }

  @Test
  void closeQuietlyClosesAndToleratesNull() throws SQLException {
    Connection c = SqliteFiles.open(new org.sqlite.JDBC(), dir.resolve("c.sqlite"), SqliteFiles.Use.BUILD);
    SqliteFiles.closeQuietly(c);
    assertThat(c.isClosed()).isTrue();
    SqliteFiles.closeQuietly(null);
  }

  @Test
  void urlIsTheDriversPlainFileForm() {
    assertThat(SqliteFiles.url(Path.of("/c/cache.sqlite"))).isEqualTo("jdbc:sqlite:/c/cache.sqlite");
    assertThat(SqliteFiles.properties(SqliteFiles.Use.BUILD)).isEmpty();
  }
}
