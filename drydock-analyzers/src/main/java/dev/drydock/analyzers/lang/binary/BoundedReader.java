package dev.drydock.analyzers.lang.binary;

import dev.drydock.analyzers.FileInput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Random-access reads from a file that never trust an offset: every read is checked against the file
 * size and a length cap, and an out-of-range request returns {@code null} instead of throwing.
 */
public final class BoundedReader implements Closeable {
  private final FileChannel channel;
  private final long base;
  private final long size;
  private final boolean owner;

  /** Reads {@code channel}; {@link #close()} closes it. */
  public BoundedReader(FileChannel channel) throws IOException {
    this(channel, 0, channel.size(), true);
  }

  private BoundedReader(FileChannel channel, long base, long size, boolean owner) {
    this.channel = channel;
    this.base = base;
    this.size = size;
    this.owner = owner;
  }

  /** Opens {@link FileInput#localFile()} for random access. The caller closes the reader. */
  public static BoundedReader open(FileInput file) throws IOException {
    return new BoundedReader(FileChannel.open(file.localFile(), StandardOpenOption.READ));
  }

  public long size() {
    return size;
  }

  /**
   * A view of {@code length} bytes at {@code offset} (one architecture of a universal Mach-O file), whose
   * offsets count from {@code offset}; null when the range is not inside this reader. Closing the view
   * leaves the file open.
   */
  public BoundedReader slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      return null;
    }
    return new BoundedReader(channel, base + offset, length, false);
  }

  /** {@code length} bytes at {@code offset}, or null when the range is not inside the file. */
  public byte[] read(long offset, long length) throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > size - length) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    long pos = base + offset;
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
  public byte[] readUpTo(long offset, long length) throws IOException {
    if (offset < 0 || offset >= size) {
      return null;
    }
    return read(offset, Math.min(length, size - offset));
  }

  /** {@code bytes} as a buffer of the given byte order, for reading header fields by offset. */
  public static ByteBuffer wrap(byte[] bytes, boolean bigEndian) {
    return ByteBuffer.wrap(bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void close() throws IOException {
    if (owner) {
      channel.close();
    }
  }
}
