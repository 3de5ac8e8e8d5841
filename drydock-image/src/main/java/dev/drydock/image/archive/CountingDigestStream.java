package dev.drydock.image.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts every byte read through it, then runs {@link #afterRead}. */
class CountingDigestStream extends FilterInputStream {
  final MessageDigest digest;
  long count;
  private byte[] skipBuffer;

  CountingDigestStream(InputStream in, MessageDigest digest) {
    super(in);
    this.digest = digest;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      count++;
      afterRead();
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
      afterRead();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (skipBuffer == null) {
      skipBuffer = new byte[64 * 1024];
    }
    byte[] buf = skipBuffer;
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {}

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  /** Hook for limit checks. */
  void afterRead() {}

  /** Reads to end of stream, hashing everything. */
  void drain() throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (read(buf, 0, buf.length) >= 0) {
      // hashing happens in read
    }
  }
}
