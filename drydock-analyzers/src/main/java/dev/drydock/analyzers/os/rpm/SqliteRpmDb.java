package dev.drydock.analyzers.os.rpm;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.sqlite.ProgressHandler;

/**
 * Reads header blobs from rpm's SQLite database (table {@code Packages(hnum, blob)}). The file is
 * opened as an immutable, read-only URI so SQLite neither locks it nor creates {@code -wal},
 * {@code -shm} or journal files next to it (rpm leaves its databases in WAL mode).
 *
 * <p>The file comes from an image, so it is hostile until shown otherwise: a database holding anything rpm
 * never writes (a view, a trigger, a {@code Packages} that is not a plain table) is refused before any
 * query of it runs, temporary storage stays in memory within a heap limit (nothing is written to
 * {@code /var/tmp}), and a read is cut off after {@link #MAX_ROWS} rows or {@link #MAX_MILLIS} ms.
 */
final class SqliteRpmDb {
  /** Far more packages than any real image has (a full RHEL install has about 1,500). */
  static final int MAX_ROWS = 200_000;
  /** Reading a real database takes milliseconds. */
  static final long MAX_MILLIS = 10_000;
  /** SQLite's heap limit for one read: sorting and temporary tables must fit in it. */
  static final long HEAP_LIMIT_BYTES = 64L << 20;

  private SqliteRpmDb() {}

  /**
   * The database is refused: it holds what rpm never writes, or a read passed {@link #MAX_ROWS},
   * {@link #MAX_MILLIS} or {@link #HEAP_LIMIT_BYTES}. Unlike a corrupt file (whose readable packages are kept),
   * this is reported: the analyzer turns it into a skip the layer's warnings name.
   */
  static final class Refused extends SQLException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Hands every blob to {@code sink} in hnum order; stops at the first SQLite error, at a bound, or when the
   * schema is not rpm's (an {@link SQLException} saying why).
   */
  static void readBlobs(Path db, Consumer<byte[]> sink) throws SQLException {
    Properties props = new Properties();
    props.setProperty("open_mode", String.valueOf(0x01 | 0x40)); // SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
    try (Connection c = DriverManager.getConnection(jdbcUrl(db), props);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA temp_store = MEMORY");
      st.execute("PRAGMA hard_heap_limit = " + HEAP_LIMIT_BYTES);
      st.execute("PRAGMA trusted_schema = OFF");
      long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000;
      ProgressHandler.setHandler(c, 10_000, new ProgressHandler() {
        @Override
        protected int progress() {
          return System.nanoTime() > deadline ? 1 : 0; // non-zero interrupts the statement
        }
      });
      checkSchema(st);
      try (ResultSet rs = st.executeQuery("SELECT blob FROM Packages ORDER BY hnum")) {
        int rows = 0;
        while (rs.next()) {
          if (++rows > MAX_ROWS) {
            throw new Refused("more than " + MAX_ROWS + " rows in Packages (limit)");
          }
          byte[] blob = rs.getBytes(1);
          if (blob != null) {
            sink.accept(blob);
          }
        }
      } catch (Refused e) {
        throw e;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw new Refused("reading Packages took longer than " + MAX_MILLIS + " ms (limit)");
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_NOMEM") || m.contains("out of memory")) {
          throw new Refused("reading Packages needs more than " + HEAP_LIMIT_BYTES + " bytes of memory (limit)");
        }
        throw e;
      }
    }
  }

  /** rpm's schema holds tables and indexes only, and {@code Packages} is a table. */
  private static void checkSchema(Statement st) throws SQLException {
    boolean packagesTable = false;
    try (ResultSet rs = st.executeQuery("SELECT type, name, sql FROM sqlite_master")) {
      while (rs.next()) {
        String type = rs.getString(1);
        String name = rs.getString(2);
        String sql = rs.getString(3);
        if (!"table".equals(type) && !"index".equals(type)) {
          throw new Refused("not an rpm database: it holds a " + type + " (" + name + ")");
        }
        if (sql != null && sql.stripLeading().regionMatches(true, 0, "CREATE VIRTUAL", 0, 14)) {
          throw new Refused("not an rpm database: it holds a virtual table (" + name + ")");
        }
        if ("table".equals(type) && "Packages".equalsIgnoreCase(name)) {
          packagesTable = true;
        }
      }
    }
    if (!packagesTable) {
      throw new SQLException("not an rpm database: no Packages table");
    }
  }

  static String jdbcUrl(Path db) {
    String uriPath = db.toAbsolutePath().toUri().getRawPath();
    return "jdbc:sqlite:file:" + uriPath + "?mode=ro&immutable=1";
  }
}
