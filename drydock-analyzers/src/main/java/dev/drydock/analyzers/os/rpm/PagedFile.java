package dev.drydock.analyzers.os.rpm;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional, bounds-checked reads from a local file (no memory mapping, so the file can be deleted). */
final class PagedFile implements Closeable {
  private final FileChannel channel;
  private final long size;

  PagedFile(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.size = channel.size();
  }

  long size() {
    return size;
  }

  /** True when {@code [pos, pos+len)} lies inside the file. */
  boolean contains(long pos, long len) {
    return pos >= 0 && len >= 0 && pos <= size && len <= size - pos;
  }

  /**
   * Reads exactly {@code len} bytes at {@code pos}; the caller must have checked {@link #contains}.
   * A file that shrinks while being read gives an {@link EOFException}.
   */
  byte[] read(long pos, int len) throws IOException {
    if (!contains(pos, len)) {
      throw new EOFException("read of " + len + " bytes at " + pos + " beyond end " + size);
    }
    ByteBuffer buf = ByteBuffer.allocate(len);
    long at = pos;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, at);
      if (n < 0) {
        throw new EOFException("unexpected end of file at " + at);
      }
      at += n;
    }
    return buf.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
