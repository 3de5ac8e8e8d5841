package dev.drydock.analyzers.lang.java;

import dev.drydock.model.DrydockException;
import dev.drydock.model.SqliteFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An optional SHA-1 to Maven coordinates index, used to name jars that carry no pom.properties (the role
 * of Trivy's Java DB). Built by {@code drydock db import} from a text file and kept as a SQLite file.
 *
 * <h2>Import format</h2>
 *
 * <p>UTF-8 text, one artifact per line: {@code sha1,groupId,artifactId,version}. Fields are separated by
 * commas, or by tabs when the line contains a tab (TSV); fields are trimmed and may not be empty or
 * contain the separator. {@code sha1} is the 40-digit hex SHA-1 of the artifact file (either case).
 * Blank lines and lines starting with {@code #} are ignored; the first other line may be a header whose first
 * field is {@code sha1}. When the same SHA-1 appears more than once, the first line wins. Example:
 *
 * <pre>
 * sha1,groupId,artifactId,version
 * e709af88b40e1b3df193df3460faef44da41fd51,org.springframework,spring-core,5.3.17
 * </pre>
 *
 * <p>A bad line stops the import with a {@link DrydockException} naming the file and line number; the
 * existing index, if any, is left untouched (the new one is written next to it and renamed over it).
 */
public final class Sha1Index implements AutoCloseable {
  /** Maven coordinates of one artifact. */
  public record Coordinates(String groupId, String artifactId, String version) {}

  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
  private static final int SCHEMA_VERSION = 1;

  private final Connection connection;
  private final PreparedStatement query;

  private Sha1Index(Connection connection) throws SQLException {
    this.connection = connection;
    this.query = connection.prepareStatement(
        "SELECT group_id, artifact_id, version FROM artifact WHERE sha1 = ?");
  }

  /** Builds {@code sqliteFile} from the import file {@code csv}, replacing any existing index atomically. */
  public static void importFile(Path csv, Path sqliteFile) {
    Path dir = sqliteFile.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, sqliteFile.getFileName().toString(), ".tmp");
      try (Connection c = SqliteFiles.open(new org.sqlite.JDBC(), temp, SqliteFiles.Use.BUILD)) {
        fill(c, csv);
      }
      Files.move(temp, sqliteFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
    } catch (NoSuchFileException e) {
      throw new DrydockException("sha1 index import: no such file: " + e.getFile());
    } catch (IOException e) {
      throw new DrydockException("sha1 index import from " + csv + " failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DrydockException("sha1 index import into " + sqliteFile + " failed: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private static void fill(Connection c, Path csv) throws IOException, SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE artifact (sha1 BLOB PRIMARY KEY, group_id TEXT NOT NULL,"
          + " artifact_id TEXT NOT NULL, version TEXT NOT NULL) WITHOUT ROWID");
      s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("INSERT INTO meta VALUES ('schema', '" + SCHEMA_VERSION + "')");
    }
    c.setAutoCommit(false);
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO artifact VALUES (?, ?, ?, ?)")) {
      String line;
      int lineNo = 0;
      int batched = 0;
      boolean first = true;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] f = trimmed.split(trimmed.indexOf('\t') >= 0 ? "\t" : ",", -1);
        if (first) {
          first = false;
          if (f[0].trim().equalsIgnoreCase("sha1")) {
            continue;
          }
        }
        if (f.length != 4) {
          throw bad(csv, lineNo, "expected 4 fields sha1,groupId,artifactId,version but found " + f.length);
        }
        String sha1 = f[0].trim();
        if (!SHA1.matcher(sha1).matches()) {
          throw bad(csv, lineNo, "not a 40-digit hex SHA-1: '" + sha1 + "'");
        }
        String[] names = {"groupId", "artifactId", "version"};
        for (int i = 1; i < 4; i++) {
          if (f[i].trim().isEmpty()) {
            throw bad(csv, lineNo, "empty " + names[i - 1]);
          }
        }
        insert.setBytes(1, HexFormat.of().parseHex(sha1.toLowerCase(Locale.ROOT)));
        insert.setString(2, f[1].trim());
        insert.setString(3, f[2].trim());
        insert.setString(4, f[3].trim());
        insert.addBatch();
        if (++batched == 10_000) {
          insert.executeBatch();
          batched = 0;
        }
      }
      insert.executeBatch();
    }
    c.commit();
  }

  private static DrydockException bad(Path csv, int line, String why) {
    return new DrydockException("sha1 index import: " + csv + ":" + line + ": " + why);
  }

  /** Opens an index written by {@link #importFile}, read-only. */
  public static Sha1Index open(Path sqliteFile) {
    if (!Files.isRegularFile(sqliteFile)) {
      throw new DrydockException("sha1 index not found: " + sqliteFile + " (build it with 'drydock db import')");
    }
    Connection c = null;
    try {
      c = SqliteFiles.open(new org.sqlite.JDBC(), sqliteFile, SqliteFiles.Use.READ);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
        if (!rs.next() || !String.valueOf(SCHEMA_VERSION).equals(rs.getString(1))) {
          throw new DrydockException("sha1 index " + sqliteFile + " has an unknown schema; import it again");
        }
      }
      return new Sha1Index(c);
    } catch (SQLException e) {
      SqliteFiles.closeQuietly(c);
      throw new DrydockException("sha1 index " + sqliteFile + " is not readable: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      SqliteFiles.closeQuietly(c);
      throw e;
    }
  }

  /** The coordinates of the artifact with this SHA-1 (hex, either case), if indexed. */
  public synchronized Optional<Coordinates> lookup(String sha1) {
    if (sha1 == null || !SHA1.matcher(sha1).matches()) {
      return Optional.empty();
    }
    try {
      query.setBytes(1, HexFormat.of().parseHex(sha1.toLowerCase(Locale.ROOT)));
      try (ResultSet rs = query.executeQuery()) {
        return rs.next()
            ? Optional.of(new Coordinates(rs.getString(1), rs.getString(2), rs.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DrydockException("sha1 index lookup failed: " + e.getMessage(), e);
    }
  }

  /** How many artifacts the index holds. */
  public synchronized long size() {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM artifact")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new DrydockException("sha1 index is not readable: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    SqliteFiles.closeQuietly(connection);
  }
}
