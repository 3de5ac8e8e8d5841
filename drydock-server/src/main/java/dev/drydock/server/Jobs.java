package dev.drydock.server;

import dev.drydock.model.DrydockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The job queue in the server store. A job is {@code queued}, {@code running} (claimed by one server, its lease
 * renewed while it runs), {@code done} or {@code failed}. Claims take the oldest queued job, or a running one whose
 * lease expired (its server died), with {@code SELECT ... FOR UPDATE SKIP LOCKED} on PostgreSQL (servers never wait
 * on each other's claims) and a process-wide lock on SQLite (one node). A job whose server lost the lease cannot be
 * completed by it: completion checks the worker and the state in the same statement. Every claim, completion and
 * hand-back is recorded in {@code job_events}.
 */
final class Jobs {
  /** A job tried this many times (its servers died each time) fails. */
  static final int MAX_ATTEMPTS = 3;

  record Job(String id, String target, String state, String worker, int attempts, long createdAt, Long startedAt,
      Long finishedAt, String error) {}

  private final Database db;

  Jobs(Database db) {
    this.db = db;
  }

  String submit(String target) {
    String id = UUID.randomUUID().toString();
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO jobs(id, target, state, attempts, created_at) VALUES (?,?, 'queued', 0, ?)")) {
      ps.setString(1, id);
      ps.setString(2, target);
      ps.setLong(3, System.currentTimeMillis());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("queue a job", e);
    }
    return id;
  }

  /** Claims the next job for {@code worker}, leased for {@code leaseMillis}; empty when none waits. */
  Optional<Job> claim(String worker, long leaseMillis) {
    if (db.dialect() == Database.Dialect.SQLITE) {
      synchronized (this) {
        return claimTx(worker, leaseMillis, "");
      }
    }
    return claimTx(worker, leaseMillis, " FOR UPDATE SKIP LOCKED");
  }

  private Optional<Job> claimTx(String worker, long leaseMillis, String lock) {
    long now = System.currentTimeMillis();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        String id;
        int attempts;
        String target;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, attempts, target FROM jobs WHERE state='queued'"
            + " OR (state='running' AND lease_until < ?) ORDER BY created_at LIMIT 1" + lock)) {
          ps.setLong(1, now);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.commit();
              return Optional.empty();
            }
            id = rs.getString(1);
            attempts = rs.getInt(2);
            target = rs.getString(3);
          }
        }
        if (attempts >= MAX_ATTEMPTS) {
          // abandoned: no worker will run it again, so its registry credentials go now, not at retention
          try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state='failed', finished_at=?, worker=NULL,"
              + " error=?, target=? WHERE id=?")) {
            ps.setLong(1, now);
            ps.setString(2, "abandoned: its server stopped answering " + attempts + " times");
            ps.setString(3, withoutCredentials(target));
            ps.setString(4, id);
            ps.executeUpdate();
          }
          event(c, id, worker, "abandoned");
          c.commit();
          return claimTx(worker, leaseMillis, lock);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state='running', worker=?, lease_until=?,"
            + " attempts=attempts+1, started_at=? WHERE id=?")) {
          ps.setString(1, worker);
          ps.setLong(2, now + leaseMillis);
          ps.setLong(3, now);
          ps.setString(4, id);
          ps.executeUpdate();
        }
        event(c, id, worker, "claimed");
        c.commit();
        return get(id);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("claim a job", e);
    }
  }

  /** Extends the leases of {@code worker}'s running jobs; returns how many it still holds. */
  int renew(String worker, long leaseMillis) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE jobs SET lease_until=? WHERE state='running' AND worker=?")) {
      ps.setLong(1, System.currentTimeMillis() + leaseMillis);
      ps.setString(2, worker);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("renew leases", e);
    }
  }

  /**
   * Stores the result and marks the job done, if {@code worker} still holds it; false when its lease was lost (the
   * result is then dropped: the server that took the job over stores its own).
   */
  boolean complete(String id, String worker, String image, byte[] result) {
    long now = System.currentTimeMillis();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state='done', finished_at=?, error=NULL"
            + " WHERE id=? AND state='running' AND worker=?")) {
          ps.setLong(1, now);
          ps.setString(2, id);
          ps.setString(3, worker);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          c.rollback();
          return false;
        }
        insertResult(c, id, image, now, result);
        event(c, id, worker, "done");
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("store a result", e);
    }
  }

  /** One row of {@code results}: what job {@code id} found for {@code image}, in the caller's transaction. */
  private static void insertResult(Connection c, String id, String image, long now, byte[] result)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO results(job_id, image, created_at, result) VALUES (?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, image);
      ps.setLong(3, now);
      ps.setBytes(4, result);
      ps.executeUpdate();
    }
  }

  /** Files a re-matched result of {@code image} (a done job of its own, so the next re-match compares with it). */
  String recordRematch(String image, String fromJob, String worker, byte[] result) {
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs(id, target, state, worker, attempts,"
            + " created_at, started_at, finished_at) VALUES (?,?, 'done', ?, 0, ?, ?, ?)")) {
          ps.setString(1, id);
          ps.setString(2, "{\"rematchOf\":\"" + fromJob + "\"}");
          ps.setString(3, worker);
          ps.setLong(4, now);
          ps.setLong(5, now);
          ps.setLong(6, now);
          ps.executeUpdate();
        }
        insertResult(c, id, image, now, result);
        event(c, id, worker, "rematched");
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("store a re-matched result", e);
    }
  }

  void fail(String id, String worker, String error) {
    finish(id, worker, "failed", error, "failed");
  }

  /** Gives a running job back to the queue (graceful shutdown): another server, or this one later, runs it. */
  void handBack(String id, String worker) {
    finish(id, worker, "queued", null, "handed-back");
  }

  private void finish(String id, String worker, String state, String error, String event) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state=?, error=?, finished_at=?,"
          + " worker=CASE WHEN ?='queued' THEN NULL ELSE worker END, lease_until=NULL"
          + " WHERE id=? AND state='running' AND worker=?")) {
        ps.setString(1, state);
        ps.setString(2, error);
        if (state.equals("queued")) {
          ps.setNull(3, java.sql.Types.BIGINT);
        } else {
          ps.setLong(3, System.currentTimeMillis());
        }
        ps.setString(4, state);
        ps.setString(5, id);
        ps.setString(6, worker);
        if (ps.executeUpdate() > 0) {
          event(c, id, worker, event);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed("update a job", e);
    }
  }

  private static void event(Connection c, String id, String worker, String event) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO job_events(job_id, worker, event, at) VALUES (?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, worker);
      ps.setString(3, event);
      ps.setLong(4, System.currentTimeMillis());
      ps.executeUpdate();
    }
  }

  /** A job's request without its registry credentials ({@code auth}); unchanged when it has none. */
  static String withoutCredentials(String target) {
    if (target == null || !target.contains("\"auth\"")) {
      return target;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode t = dev.drydock.report.json.Json.mapper().readTree(target);
      if (t instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("auth");
        return o.toString();
      }
      return target;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Drops the request's registry credentials from a finished job's row (they were needed only to run it). */
  void forgetCredentials(String id) {
    Optional<Job> job = get(id);
    if (job.isEmpty()) {
      return;
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("UPDATE jobs SET target=? WHERE id=? AND state<>'queued'")) {
      ps.setString(1, withoutCredentials(job.get().target()));
      ps.setString(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failed("update a job", e);
    }
  }

  Optional<Job> get(String id) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, target, state,"
        + " worker, attempts, created_at, started_at, finished_at, error FROM jobs WHERE id=?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getLong(6), rs.getObject(7) == null ? null : rs.getLong(7),
            rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9)));
      }
    } catch (SQLException e) {
      throw failed("read a job", e);
    }
  }

  /** The stored result of job {@code id} (gzip'd JSON), if it is done. */
  Optional<byte[]> result(String id) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT result FROM results WHERE job_id=?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("read a result", e);
    }
  }

  record ImageRow(String image, String latestJob, long scannedAt, int results) {}

  /** Every image with a result: its latest result's job and how many results are kept. */
  List<ImageRow> images() {
    List<ImageRow> out = new ArrayList<>();
    try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT r.image, r.job_id, r.created_at, (SELECT COUNT(*) FROM results x WHERE x.image=r.image)"
            + " FROM results r WHERE r.created_at = (SELECT MAX(created_at) FROM results y WHERE y.image=r.image)"
            + " ORDER BY r.image")) {
      String last = null;
      while (rs.next()) {
        if (rs.getString(1).equals(last)) {
          continue; // two results of one image in the same millisecond
        }
        last = rs.getString(1);
        out.add(new ImageRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)));
      }
    } catch (SQLException e) {
      throw failed("list images", e);
    }
    return out;
  }

  /** The latest result's job of {@code image}, if it has one (one indexed lookup: admission's hot path). */
  Optional<String> latest(String image) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
        "SELECT job_id FROM results WHERE image=? ORDER BY created_at DESC LIMIT 1")) {
      ps.setString(1, image);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed("find an image's latest result", e);
    }
  }

  /** Jobs per state. */
  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String st : List.of("queued", "running", "done", "failed")) {
      out.put(st, 0L);
    }
    try (Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw failed("count jobs", e);
    }
    return out;
  }

  /**
   * Retention: deletes results older than {@code days} (never an image's latest) and finished jobs whose result is
   * gone or which failed that long ago. Returns the number of results deleted.
   */
  int collect(int days) {
    long before = System.currentTimeMillis() - days * 86_400_000L;
    try (Connection c = db.connection()) {
      int n;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE created_at < ? AND created_at <"
          + " (SELECT MAX(created_at) FROM results y WHERE y.image=results.image)")) {
        ps.setLong(1, before);
        n = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM jobs WHERE state IN ('done','failed')"
          + " AND finished_at < ? AND NOT EXISTS (SELECT 1 FROM results r WHERE r.job_id=jobs.id)")) {
        ps.setLong(1, before);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_events WHERE at < ?")) {
        ps.setLong(1, before);
        ps.executeUpdate();
      }
      return n;
    } catch (SQLException e) {
      throw failed("collect old results", e);
    }
  }

  private DrydockException failed(String what, SQLException e) {
    return db.failure(what, e);
  }
}
