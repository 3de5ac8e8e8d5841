package dev.drydock.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts every byte read through it, then runs {@link #afterRead}. */
class CountingDigestStream extends ReadThroughStream {
  final MessageDigest digest;
  long count;

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
