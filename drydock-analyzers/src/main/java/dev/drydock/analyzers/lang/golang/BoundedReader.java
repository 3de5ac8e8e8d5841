package dev.drydock.analyzers.lang.golang;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Random-access reads from a file that never trust an offset: every read is checked against the file
 * size and a length cap, and an out-of-range request returns {@code null} instead of throwing.
 */
final class BoundedReader {
  private final FileChannel channel;
  private final long size;

  BoundedReader(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
  }

  long size() {
    return size;
  }

  /** {@code length} bytes at {@code offset}, or null when the range is not inside the file. */
  byte[] read(long offset, long length) throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > size - length) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    long pos = offset;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        return null;
      }
      pos += n;
    }
    return buf.array();
  }

  /** Like {@link #read} but returns at most what the file holds from {@code offset}. */
  byte[] readUpTo(long offset, long length) throws IOException {
    if (offset < 0 || offset >= size) {
      return null;
    }
    return read(offset, Math.min(length, size - offset));
  }

  static ByteBuffer wrap(byte[] bytes, boolean bigEndian) {
    return ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }
}
