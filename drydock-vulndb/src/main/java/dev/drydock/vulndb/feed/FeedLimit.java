package dev.drydock.vulndb.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes an importer reads and stops it past {@link FeedImporter#maxBytes()} with one line naming the
 * file, the feed format and the limit. Used for {@code db import} and for the feeds {@code db update} downloaded.
 */
public final class FeedLimit extends FilterInputStream {
  private final long max;
  private final String location;
  private final String format;
  private long count;

  private FeedLimit(InputStream in, long max, String location, String format) {
    super(in);
    this.max = max;
    this.location = location;
    this.format = format;
  }

  /** {@code in}, cut off with a {@link FeedException} once more than {@code importer.maxBytes()} bytes are read. */
  public static InputStream of(FeedImporter importer, InputStream in, String location) {
    return new FeedLimit(in, importer.maxBytes(), location, importer.format());
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long k = super.skip(n);
    if (k > 0) {
      count(k);
    }
    return k;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) {
    count += n;
    if (count > max) {
      throw new FeedException(location + ": " + format + " feed is larger than " + max + " bytes (its import limit)");
    }
  }
}
