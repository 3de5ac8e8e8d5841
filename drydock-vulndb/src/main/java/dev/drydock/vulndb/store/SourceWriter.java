package dev.drydock.vulndb.store;

import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the rows of one source into a store being built; see {@link StoreBuilder#beginSource}.
 * Inserts are batched; {@link #close()} flushes them and records the source with its counts. A record
 * whose id and affected packages equal an earlier record of the same source replaces it if its
 * {@code modified} is not older.
 */
public final class SourceWriter implements AutoCloseable {

  private static final int BATCH = 2000;

  record Info(String name, String kind, String location, String etag, String lastModified, String sha256) {}

  private final StoreBuilder builder;
  private final Connection connection;
  private final Info info;
  private final PreparedStatement advisory;
  private final PreparedStatement affected;
  private final PreparedStatement alias;
  private final PreparedStatement kev;
  private final PreparedStatement epss;
  private int pending;
  private long records;
  private long skipped;
  private boolean closed;
  /** Per kind of data (osv, kev, epss, debian-tracker, ...): the newest publisher date seen, null if none. */
  private final Map<String, DataDates.Latest> dataDates = new TreeMap<>();
  /** Records per OSV ecosystem (and kev / epss): what this source can answer for. */
  private final Map<String, Long> contents = new TreeMap<>();
  private String digest;

  SourceWriter(StoreBuilder builder, Connection connection, Info info) throws SQLException {
    this.builder = builder;
    this.connection = connection;
    this.info = info;
    advisory = connection.prepareStatement(
        "INSERT INTO advisories(rowid, source, id, variant, modified, json) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(source, id, variant) DO UPDATE SET modified = excluded.modified,"
            + " json = excluded.json"
            + " WHERE coalesce(excluded.modified, '') >= coalesce(advisories.modified, '')");
    affected = connection.prepareStatement(
        "INSERT INTO affected(ecosystem, name_key, advisory) VALUES (?, ?, ?)");
    alias = connection.prepareStatement("INSERT INTO aliases(alias, advisory) VALUES (?, ?)");
    kev = connection.prepareStatement("INSERT OR REPLACE INTO kev(cve, source, date_added, due_date,"
        + " ransomware, vendor_project, product, required_action) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    epss = connection.prepareStatement(
        "INSERT OR REPLACE INTO epss(cve, source, score, percentile, date) VALUES (?, ?, ?, ?, ?)");
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
    long rowid = builder.nextRowid();
    try {
      advisory.setLong(1, rowid);
      advisory.setString(2, info.name());
      advisory.setString(3, record.id());
      advisory.setString(4, variant(keys));
      advisory.setString(5, record.modified());
      advisory.setBytes(6, RecordCodec.encode(record));
      advisory.addBatch();
      Set<String> ecosystems = new TreeSet<>();
      for (String key : keys) {
        ecosystems.add(key.substring(0, key.indexOf('\0')));
      }
      ecosystems.forEach(e -> contents.merge(e, 1L, Long::sum));
      for (String key : keys) {
        int nul = key.indexOf('\0');
        affected.setString(1, key.substring(0, nul));
        affected.setString(2, key.substring(nul + 1));
        affected.setLong(3, rowid);
        affected.addBatch();
      }
      for (String a : new LinkedHashSet<>(record.aliases())) {
        if (a != null && !a.equals(record.id())) {
          alias.setString(1, a);
          alias.setLong(2, rowid);
          alias.addBatch();
        }
      }
      records++;
      flushIfFull();
    } catch (SQLException e) {
      throw builder.failure(e);
    }
  }

  /** Adds (or replaces) the KEV entry of a CVE. */
  public void addKev(AdvisorySource.Kev entry) {
    checkOpen();
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
    affected.executeBatch();
    alias.executeBatch();
    kev.executeBatch();
    epss.executeBatch();
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
      flush();
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
      for (PreparedStatement ps : new PreparedStatement[] {advisory, affected, alias, kev, epss}) {
        ps.close();
      }
    } catch (SQLException e) {
      throw builder.failure(e);
    } finally {
      builder.writerClosed(this);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("source " + info.name() + " is closed");
    }
  }

  private static String variant(Set<String> keys) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String k : keys) {
        md.update(k.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
