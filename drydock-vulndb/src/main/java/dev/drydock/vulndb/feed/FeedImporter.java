package dev.drydock.vulndb.feed;

import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Converts one feed file into OSV records written to a {@link SourceWriter}. Records an importer
 * cannot use are skipped with a reason in the {@link ImportResult}; a file that cannot be read at all
 * throws {@link FeedException}.
 */
public interface FeedImporter {

  /** Bytes of a file's head that {@link #recognises} sees (fewer if the file is shorter). */
  int HEAD_BYTES = 16 * 1024;

  /**
   * Largest file (after gzip decompression) this importer reads: past it the import stops with
   * {@code <file>: <format> feed is larger than N bytes (its import limit)} ({@link FeedLimit}).
   */
  default long maxBytes() {
    return 2L * 1024 * 1024 * 1024;
  }

  /** Short format name, e.g. {@code osv-json}. */
  String format();

  /** Whether this importer reads the file, judged by its name and first bytes. */
  boolean recognises(String fileName, byte[] head);

  /**
   * Imports the whole stream (which this method does not close).
   *
   * @param location where the data came from, used in skip reasons and errors
   */
  ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException;
}
