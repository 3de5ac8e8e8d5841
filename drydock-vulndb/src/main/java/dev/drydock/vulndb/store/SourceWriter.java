package dev.drydock.vulndb.store;

import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the rows of one source into a store being built; see {@link StoreBuilder#beginSource}.
 * Inserts are batched; {@link #close()} flushes them and records the source with its counts. A record
 * whose id and affected packages equal an earlier record of the same source replaces it if its
 * {@code modified} is not older.
 *
 * <p>The first {@value #SAMPLES} records are held back: they train the source's deflate dictionary
 * ({@link RecordCodec#train}), then every record is compressed with it. The index rows ({@code affected},
 * {@code aliases}) are collected and inserted in key order on close, so the B-trees are appended to, not split.
 */
public final class SourceWriter implements AutoCloseable {

  private static final int BATCH = 2000;
  /** Records that train the dictionary. */
  static final int SAMPLES = 400;

  record Info(String name, String kind, String location, String etag, String lastModified, String sha256) {}

  private final StoreBuilder builder;
  private final Connection connection;
  private final Info info;
  private final PreparedStatement advisory;
  private final PreparedStatement kev;
  private final PreparedStatement epss;
  private final PreparedStatement endOfLife;
  private final long sourceKey;
  /** Records held back until the dictionary is trained; null once it is. */
  private List<Held> held = new ArrayList<>();
  private RecordCodec.Compressor compressor;
  /** (id, affected package keys) of this source's records so far: the newer copy of a duplicate wins. */
  private final Map<String, Seen> seen = new HashMap<>();
  /** Index rows, inserted in key order on close. */
  private final List<IndexRow> affectedRows = new ArrayList<>();
  private final List<IndexRow> aliasRows = new ArrayList<>();
  private int pending;
  /** Records handed to the writer's thread and not yet written, at most this many. */
  private static final int BACKLOG = 1024;
  private final java.util.concurrent.Semaphore backlog = new java.util.concurrent.Semaphore(BACKLOG);
  private java.util.concurrent.ExecutorService worker;
  private volatile Throwable workerFailure;
  private long records;
  private long skipped;
  private boolean closed;
  /** Per kind of data (osv, kev, epss, debian-tracker, ...): the newest publisher date seen, null if none. */
  private final Map<String, DataDates.Latest> dataDates = new TreeMap<>();
  /** Records per OSV ecosystem (and kev / epss): what this source can answer for. */
  private final Map<String, Long> contents = new TreeMap<>();
  private String digest;

  private record Held(long rowid, String id, byte[] doc) {}

  private static final class Seen {
    final long rowid;
    String modified;
    /** Index into {@link #held} while the record is held back, else -1. */
    int heldIndex;

    Seen(long rowid, String modified, int heldIndex) {
      this.rowid = rowid;
      this.modified = modified;
      this.heldIndex = heldIndex;
    }
  }

  /** One row of {@code affected} ({@code a} ecosystem, {@code b} name key) or {@code aliases} ({@code a} alias). */
  private record IndexRow(String a, String b, long advisory) {}

  private static final Comparator<IndexRow> INDEX_ORDER = Comparator.comparing(IndexRow::a)
      .thenComparing(IndexRow::b).thenComparingLong(IndexRow::advisory);

  SourceWriter(StoreBuilder builder, Connection connection, Info info) throws SQLException {
    this.builder = builder;
    this.connection = connection;
    this.info = info;
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO source_keys(name) VALUES (?)")) {
      ps.setString(1, info.name());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement("SELECT key FROM source_keys WHERE name = ?")) {
      ps.setString(1, info.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sourceKey = rs.getLong(1);
      }
    }
    advisory = connection.prepareStatement("INSERT INTO advisories(rowid, source, id, doc) VALUES (?, ?, ?, ?)");
    kev = connection.prepareStatement("INSERT OR REPLACE INTO kev(cve, source, date_added, due_date,"
        + " ransomware, vendor_project, product, required_action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    epss = connection.prepareStatement(
        "INSERT OR REPLACE INTO epss(cve, source, score, percentile, date) VALUES (?, ?, ?, ?, ?)");
    endOfLife = connection.prepareStatement("INSERT OR REPLACE INTO end_of_life(family, release, source, end_date,"
        + " extended, link) VALUES (?, ?, ?, ?, ?, ?)");
  }

  /** The source name rows are tagged with. */
  public String name() {
    return info.name();
  }

  /**
   * Adds one advisory, indexed by every {@code affected[].package} (ecosystem, name) and by its
   * aliases.
   *
   * @throws IllegalArgumentException if the record has no id (importers skip such records first)
   */
  public void addAdvisory(OsvRecord record) {
    checkOpen();
    if (record.id() == null || record.id().isBlank()) {
      throw new IllegalArgumentException("OSV record without id");
    }
    Set<String> keys = new TreeSet<>();
    for (OsvRecord.OsvAffected a : record.affected()) {
      if (a.pkg() != null && a.pkg().ecosystem() != null && a.pkg().name() != null) {
        keys.add(a.pkg().ecosystem() + '\0' + Schema.nameKey(a.pkg().ecosystem(), a.pkg().name()));
      }
    }
    Set<String> ecosystems = new TreeSet<>();
    for (String key : keys) {
      ecosystems.add(key.substring(0, key.indexOf('\0')));
    }
    ecosystems.forEach(e -> contents.merge(e, 1L, Long::sum));
    records++;
    // serialising, compressing and inserting run on the writer's own thread, beside the importer's parsing
    rethrowWorkerFailure();
    backlog.acquireUninterruptibly();
    worker().execute(() -> {
      try {
        if (workerFailure == null) {
          write(record, keys);
        }
      } catch (RuntimeException | Error e) {
        workerFailure = e;
      } finally {
        backlog.release();
      }
    });
  }

  private java.util.concurrent.ExecutorService worker() {
    if (worker == null) {
      worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "drydock-store-writer");
        t.setDaemon(true);
        return t;
      });
    }
    return worker;
  }

  /** Waits until the writer's thread has written everything handed to it, and rethrows what it failed with. */
  private void drain() {
    if (worker != null) {
      backlog.acquireUninterruptibly(BACKLOG);
      backlog.release(BACKLOG);
    }
    rethrowWorkerFailure();
  }

  private void stopWorker() {
    if (worker != null) {
      worker.shutdown();
      boolean interrupted = false;
      while (true) {
        try {
          if (worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      worker = null;
    }
  }

  /** Stops writing (the build is being aborted): what is still queued is dropped. */
  void halt() {
    if (workerFailure == null) {
      workerFailure = new IllegalStateException("source " + info.name() + " was aborted");
    }
    stopWorker();
  }

  private void rethrowWorkerFailure() {
    Throwable t = workerFailure;
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }

  /** Writes one record (on the writer's thread). */
  private void write(OsvRecord record, Set<String> keys) {
    try {
      String identity = record.id() + '\n' + String.join("\n", keys);
      Seen earlier = seen.get(identity);
      if (earlier != null) {
        replace(earlier, record);
        return;
      }
      long rowid = builder.nextRowid();
      byte[] json = RecordCodec.serialize(record);
      if (held != null) {
        seen.put(identity, new Seen(rowid, record.modified(), held.size()));
        held.add(new Held(rowid, record.id(), json));
        if (held.size() >= SAMPLES) {
          train();
        }
      } else {
        seen.put(identity, new Seen(rowid, record.modified(), -1));
        insert(rowid, record.id(), json);
      }
      for (String key : keys) {
        int nul = key.indexOf('\0');
        affectedRows.add(new IndexRow(key.substring(0, nul), key.substring(nul + 1), rowid));
      }
      for (String a : new LinkedHashSet<>(record.aliases())) {
        if (a != null && !a.equals(record.id())) {
          aliasRows.add(new IndexRow(a, "", rowid));
        }
      }
    } catch (SQLException e) {
      throw builder.failure(e);
    }
  }

  /** A duplicate of an earlier record (same id and packages): the copy whose modified is not older wins. */
  private void replace(Seen earlier, OsvRecord record) throws SQLException {
    String now = record.modified() == null ? "" : record.modified();
    String then = earlier.modified == null ? "" : earlier.modified;
    if (now.compareTo(then) < 0) {
      return;
    }
    earlier.modified = record.modified();
    byte[] json = RecordCodec.serialize(record);
    if (held != null && earlier.heldIndex >= 0) {
      Held h = held.get(earlier.heldIndex);
      held.set(earlier.heldIndex, new Held(h.rowid(), h.id(), json));
      return;
    }
    flush();
    try (PreparedStatement ps = connection.prepareStatement("UPDATE advisories SET doc = ? WHERE rowid = ?")) {
      ps.setBytes(1, compressor.compress(json));
      ps.setLong(2, earlier.rowid);
      ps.executeUpdate();
    }
  }

  /** Trains the dictionary on the records held back, stores it and writes them. */
  private void train() throws SQLException {
    List<byte[]> samples = new ArrayList<>(held.size());
    for (Held h : held) {
      samples.add(h.doc());
    }
    byte[] dictionary = RecordCodec.train(samples);
    if (dictionary != null) {
      try (PreparedStatement ps = connection.prepareStatement("UPDATE source_keys SET dictionary = ? WHERE key = ?")) {
        ps.setBytes(1, dictionary);
        ps.setLong(2, sourceKey);
        ps.executeUpdate();
      }
    }
    compressor = new RecordCodec.Compressor(dictionary);
    List<Held> toWrite = held;
    held = null;
    for (Seen s : seen.values()) {
      s.heldIndex = -1;
    }
    for (Held h : toWrite) {
      insert(h.rowid(), h.id(), h.doc());
    }
  }

  private void insert(long rowid, String id, byte[] json) throws SQLException {
    advisory.setLong(1, rowid);
    advisory.setLong(2, sourceKey);
    advisory.setString(3, id);
    advisory.setBytes(4, compressor.compress(json));
    advisory.addBatch();
    flushIfFull();
  }

  /** Adds (or replaces) the KEV entry of a CVE. */
  public void addKev(AdvisorySource.Kev entry) {
    checkOpen();
    drain();
    try {
      kev.setString(1, entry.cve());
      kev.setString(2, info.name());
      kev.setString(3, entry.dateAdded());
      kev.setString(4, entry.dueDate());
      kev.setInt(5, entry.knownRansomwareUse() ? 1 : 0);
      kev.setString(6, entry.vendorProject());
      kev.setString(7, entry.product());
      kev.setString(8, entry.requiredAction());
      kev.addBatch();
      contents.merge("kev", 1L, Long::sum);
      records++;
      flushIfFull();
    } catch (SQLException e) {
      throw builder.failure(e);
    }
  }

  /** Adds (or replaces) the EPSS score of a CVE. */
  public void addEpss(AdvisorySource.Epss score) {
    checkOpen();
    drain();
    try {
      epss.setString(1, score.cve());
      epss.setString(2, info.name());
      epss.setDouble(3, score.score());
      epss.setDouble(4, score.percentile());
      epss.setString(5, score.date());
      epss.addBatch();
      contents.merge("epss", 1L, Long::sum);
      records++;
      flushIfFull();
    } catch (SQLException e) {
      throw builder.failure(e);
    }
  }

  /** Adds (or replaces) the support dates of an OS release. */
  public void addEndOfLife(AdvisorySource.EndOfLifeEntry entry) {
    checkOpen();
    drain();
    try {
      endOfLife.setString(1, entry.family());
      endOfLife.setString(2, entry.release());
      endOfLife.setString(3, info.name());
      endOfLife.setString(4, entry.end());
      endOfLife.setString(5, entry.extended());
      endOfLife.setString(6, entry.link());
      endOfLife.addBatch();
      contents.merge("eol", 1L, Long::sum);
      records++;
      flushIfFull();
    } catch (SQLException e) {
      throw builder.failure(e);
    }
  }

  /** Counts records an importer skipped (recorded in the source row). */
  public void addSkipped(long count) {
    skipped += count;
  }

  /**
   * Notes the publisher's date of some data of {@code kind} ({@code osv}, {@code kev}, {@code epss}, ...): an
   * ISO-8601 date or instant, or null when the data has none. The source's data date is the newest date per
   * kind, the oldest over kinds; unknown (null) when any kind that was noted has no date at all. Unparseable
   * dates count as none.
   */
  public void dataDate(String kind, String date) {
    dataDates.computeIfAbsent(kind, k -> new DataDates.Latest()).offer(date);
  }

  /** The digest of what was imported (hex SHA-256), replacing the one given to {@code beginSource}. */
  public void digest(String sha256Hex) {
    this.digest = sha256Hex;
  }

  /** Records added so far (advisories, KEV and EPSS rows). */
  public long records() {
    return records;
  }

  private void flushIfFull() throws SQLException {
    if (++pending >= BATCH) {
      flush();
    }
  }

  private void flush() throws SQLException {
    advisory.executeBatch();
    kev.executeBatch();
    epss.executeBatch();
    endOfLife.executeBatch();
    pending = 0;
  }

  /**
   * Flushes pending rows and records the source (name, kind, location, etag, digest, counts, import time,
   * data date) and what it holds per ecosystem.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      drain();
      stopWorker();
      if (held != null) {
        train();
      }
      flush();
      writeIndex("INSERT INTO affected(ecosystem, name_key, advisory) VALUES (?, ?, ?)", affectedRows, true);
      writeIndex("INSERT INTO aliases(alias, advisory) VALUES (?, ?)", aliasRows, false);
      try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO sources(name, kind,"
          + " location, etag, last_modified, sha256, imported_at, records, skipped, data_date)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, info.name());
        ps.setString(2, info.kind());
        ps.setString(3, info.location());
        ps.setString(4, info.etag());
        ps.setString(5, info.lastModified());
        ps.setString(6, digest != null ? digest : info.sha256());
        ps.setString(7, Instant.now().toString());
        ps.setLong(8, records);
        ps.setLong(9, skipped);
        ps.setString(10, DataDates.of(dataDates.values()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO source_contents(source, content, records) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, Long> e : contents.entrySet()) {
          ps.setString(1, info.name());
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      for (PreparedStatement ps : new PreparedStatement[] {advisory, kev, epss, endOfLife}) {
        ps.close();
      }
    } catch (SQLException e) {
      throw builder.failure(e);
    } finally {
      stopWorker();
      if (compressor != null) {
        compressor.close();
      }
      builder.writerClosed(this);
    }
  }

  private void writeIndex(String sql, List<IndexRow> rows, boolean twoKeys) throws SQLException {
    rows.sort(INDEX_ORDER);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int n = 0;
      for (IndexRow r : rows) {
        ps.setString(1, r.a());
        if (twoKeys) {
          ps.setString(2, r.b());
          ps.setLong(3, r.advisory());
        } else {
          ps.setLong(2, r.advisory());
        }
        ps.addBatch();
        if (++n % BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    rows.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("source " + info.name() + " is closed");
    }
  }
}
