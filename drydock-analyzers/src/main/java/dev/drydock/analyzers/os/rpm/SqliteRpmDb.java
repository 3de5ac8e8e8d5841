package dev.drydock.analyzers.os.rpm;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads header blobs from rpm's SQLite database (table {@code Packages(hnum, blob)}). The file is
 * opened as an immutable, read-only URI so SQLite neither locks it nor creates {@code -wal},
 * {@code -shm} or journal files next to it (rpm leaves its databases in WAL mode).
 */
final class SqliteRpmDb {
  private SqliteRpmDb() {}

  /** Hands every blob to {@code sink} in hnum order; stops at the first SQLite error. */
  static void readBlobs(Path db, Consumer<byte[]> sink) throws SQLException {
    Properties props = new Properties();
    props.setProperty("open_mode", String.valueOf(0x01 | 0x40)); // SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
    try (Connection c = DriverManager.getConnection(jdbcUrl(db), props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
      while (rs.next()) {
        byte[] blob = rs.getBytes(1);
        if (blob != null) {
          sink.accept(blob);
        }
      }
    }
  }

  static String jdbcUrl(Path db) {
    String uriPath = db.toAbsolutePath().toUri().getRawPath();
    return "jdbc:sqlite:file:" + uriPath + "?mode=ro&immutable=1";
  }
}
