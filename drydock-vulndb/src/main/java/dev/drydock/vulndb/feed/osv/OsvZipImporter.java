package dev.drydock.vulndb.feed.osv;

import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * An OSV export zip ({@code https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip}):
 * one JSON record per entry, read as a stream. A malformed entry is skipped; a broken archive fails.
 */
public final class OsvZipImporter implements FeedImporter {

  @Override
  public String format() {
    return "osv-zip";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    return Sniff.isZip(head);
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    long records = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    })) {
      ZipEntry entry;
      while ((entry = nextEntry(zip, location)) != null) {
        entries++;
        String where = location + "!" + entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        if (!entry.getName().endsWith(".json")) {
          skipped.add(new Skipped(where, "not a .json entry"));
          out.addSkipped(1);
          continue;
        }
        try {
          ImportResult r = OsvRecords.importStream(OsvRecords.JSON, format(), unclosable(zip), where, out);
          records += r.records();
          skipped.addAll(r.skipped());
        } catch (FeedException e) {
          String why = String.valueOf(e.getMessage());
          skipped.add(new Skipped(where, why.startsWith(where + ": ") ? why.substring(where.length() + 2) : why));
          out.addSkipped(1);
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new FeedException(location + ": broken zip archive: " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new FeedException(location + ": empty or unreadable zip archive");
    }
    return new ImportResult(format(), location, records, skipped);
  }

  /**
   * The next entry. The JDK's reader throws {@link IllegalArgumentException} for an entry name that is not UTF-8
   * (and not flagged as another encoding): bad input like any other broken archive.
   */
  private static ZipEntry nextEntry(ZipInputStream zip, String location) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (IllegalArgumentException e) {
      throw new FeedException(location + ": broken zip archive: an entry name is not valid UTF-8", e);
    }
  }

  private static InputStream unclosable(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // the next entry is read from the same stream
      }
    };
  }
}
