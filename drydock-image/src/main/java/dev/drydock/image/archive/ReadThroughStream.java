package dev.drydock.image.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream that sees every byte: {@code skip} reads (through {@code read}, so a subclass that digests
 * or checks what passes still does), and mark/reset is not supported.
 */
abstract class ReadThroughStream extends FilterInputStream {
  private byte[] skipBuffer;

  ReadThroughStream(InputStream in) {
    super(in);
  }

  @Override
  public long skip(long n) throws IOException {
    if (skipBuffer == null) {
      skipBuffer = new byte[64 * 1024];
    }
    long done = 0;
    while (done < n) {
      int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - done));
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
}
