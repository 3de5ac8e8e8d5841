package dev.drydock.model;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The one way drydock opens its own SQLite files: the layer cache, the vulnerability store and the Java
 * SHA-1 index. Only JDK API ({@code java.sql}): the caller hands in sqlite-jdbc's driver
 * ({@code new org.sqlite.JDBC()}), which stays a dependency of the modules that use SQLite; going to the
 * driver directly skips DriverManager, which would first load every JDBC driver on the class path.
 *
 * <p>Not for databases found inside images (the rpm database): those are hostile input and are opened
 * read-only and immutable with their own bounds by their analyzer.
 */
public final class SqliteFiles {
  private SqliteFiles() {}

  /** What a connection is for; it decides the open mode and the PRAGMAs. */
  public enum Use {
    /** An existing file, read-only. */
    READ,
    /**
     * A file built by one writer into a temporary file that is renamed into place when complete: no
     * journal and no fsync, since a crash leaves only a temporary file behind.
     */
    BUILD,
    /**
     * A file shared by concurrent processes: write-ahead log, waiting up to 30 s for another writer, fsync
     * at checkpoints only.
     */
    SHARED
  }

  /** sqlite-jdbc's connection property for the open flags, and SQLITE_OPEN_READONLY. */
  private static final String OPEN_MODE = "open_mode";
  private static final String READ_ONLY_FLAG = "1";

  public static String url(Path file) {
    return "jdbc:sqlite:" + file;
  }

  /** The connection properties for {@code use}: read-only for {@link Use#READ}, the driver's defaults else. */
  public static Properties properties(Use use) {
    Properties p = new Properties();
    if (use == Use.READ) {
      p.setProperty(OPEN_MODE, READ_ONLY_FLAG);
    }
    return p;
  }

  /** Connects without applying the PRAGMAs (for a caller that applies them itself, e.g. retrying on busy). */
  public static Connection connect(Driver driver, Path file, Use use) throws SQLException {
    Connection c = driver.connect(url(file), properties(use));
    if (c == null) {
      throw new SQLException("the SQLite driver does not accept " + url(file));
    }
    return c;
  }

  /** Connects and applies the PRAGMAs of {@code use}; closes the connection if they fail. */
  public static Connection open(Driver driver, Path file, Use use) throws SQLException {
    Connection c = connect(driver, file, use);
    try (Statement s = c.createStatement()) {
      pragmas(s, use);
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return c;
  }

  /**
   * Closes {@code c} (if not null) where a failure to close has nothing left to report: after a failure being
   * reported, or once a read-only connection or a committed build is done.
   */
  public static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // see above
      }
    }
  }

  /** Applies the PRAGMAs of {@code use}; each is idempotent, so a caller may repeat them after SQLITE_BUSY. */
  public static void pragmas(Statement s, Use use) throws SQLException {
    switch (use) {
      case READ -> {
        // nothing to set: the defaults serve a reader
      }
      case BUILD -> {
        s.execute("PRAGMA journal_mode = OFF");
        s.execute("PRAGMA synchronous = OFF");
      }
      case SHARED -> {
        s.execute("PRAGMA busy_timeout = 30000");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
    }
  }
}
