package dev.drydock.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Numbered schema steps for one of drydock's own databases, recorded in a table {@code schema_migrations}
 * (version, description, applied_at). {@link #apply} runs the steps a database has not had yet, in order and in
 * one transaction with the version rows, so a crash leaves the database at its old version; it refuses a
 * database that records a version newer than any step it knows (written by a newer drydock), rather than
 * misread it. Plain SQL over {@code java.sql} only, so the same steps can run on PostgreSQL (docs/DESIGN.md,
 * "Schema migrations").
 *
 * <p>A step that cannot convert old data (say, an encoding that changed) deletes it and says so in its
 * description; the caller reports {@link Outcome#applied()} to the user.
 */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  static final String TABLE = "schema_migrations";

  /** One step: the schema version it brings a database to, what it does, and its statements. */
  public record Step(int version, String description, List<String> statements) {
    public Step {
      statements = List.copyOf(statements);
    }
  }

  /** What {@link #apply} did: the version found (0: none recorded), the version now, the steps run. */
  public record Outcome(int from, int to, List<Step> applied) {
    public Outcome {
      applied = List.copyOf(applied);
    }
  }

  /** The newest version {@code steps} reach (they are numbered 1, 2, 3, ... in order). */
  public static int latest(List<Step> steps) {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).version();
  }

  /**
   * Brings the database on {@code c} to the latest of {@code steps}. {@code what} names it in messages
   * (e.g. the file). Leaves {@code c} in auto-commit mode.
   *
   * @throws DrydockException when the database was written by a newer drydock
   */
  public static Outcome apply(Connection c, String what, List<Step> steps) throws SQLException {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migration steps must be numbered 1, 2, 3, ...: " + steps);
      }
    }
    int latest = latest(steps);
    // the common case (an up-to-date database) reads one row and writes nothing
    int found = current(c);
    if (found == latest) {
      return new Outcome(found, found, List.of());
    }
    refuseNewer(what, found, latest);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (version INTEGER PRIMARY KEY,"
            + " description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      found = current(c); // again inside the transaction: another process may have migrated meanwhile
      refuseNewer(what, found, latest);
      List<Step> todo = steps.subList(found, steps.size());
      try (Statement s = c.createStatement();
          PreparedStatement record = c.prepareStatement(
              "INSERT INTO " + TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
        for (Step step : todo) {
          for (String sql : step.statements()) {
            s.execute(sql);
          }
          record.setInt(1, step.version());
          record.setString(2, step.description());
          record.setString(3, Instant.now().toString());
          record.executeUpdate();
        }
      }
      c.commit();
      return new Outcome(found, latest, todo);
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** The version recorded in {@code c}; 0 when it has no {@code schema_migrations} table or no row. */
  public static int current(Connection c) throws SQLException {
    try {
      return readVersion(c);
    } catch (SQLException e) {
      // the common case reads the row directly; the catalogue is asked only when that fails
      boolean exists;
      try (ResultSet rs = c.getMetaData().getTables(null, null, TABLE, null)) {
        exists = rs.next();
      }
      if (!exists) {
        return 0;
      }
      return readVersion(c); // created meanwhile by another connection (or a real error, thrown again)
    }
  }

  private static int readVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + TABLE)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void refuseNewer(String what, int found, int latest) {
    if (found > latest) {
      throw new DrydockException(what + " was written by a newer drydock (schema " + found + "; this drydock knows up"
          + " to " + latest + "): use that drydock, or give this one another --cache-dir");
    }
  }
}
