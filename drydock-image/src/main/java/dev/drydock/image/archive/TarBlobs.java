package dev.drydock.image.archive;

import dev.drydock.image.BlobOrigin;
import dev.drydock.image.FileStamp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the regular files of a plain tar: the index is read once with {@link TarFile}
 * (headers only, data is skipped by seeking); each read opens its own channel at the entry's offset.
 */
final class TarBlobs implements Blobs {
  private final Path file;
  private final FileStamp stamp;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  /**
   * @param file the tar to read
   * @param stamp the file the user named (the tar, or the gzip'd file it was decompressed from), stat'ed
   *     before anything was read from it; null when it has no unix attributes
   */
  TarBlobs(Path file, FileStamp stamp) throws IOException {
    this.file = file;
    this.stamp = stamp;
    this.tar = new TarFile(file);
    for (TarArchiveEntry e : tar.getEntries()) {
      if (e.isFile()) {
        entries.put(Blobs.clean(e.getName()), e);
      }
    }
  }

  @Override
  public boolean has(String name) {
    return entries.containsKey(Blobs.clean(name));
  }

  @Override
  public long size(String name) {
    TarArchiveEntry e = entries.get(Blobs.clean(name));
    return e == null ? -1 : e.getSize();
  }

  @Override
  public InputStream open(String name) throws IOException {
    TarArchiveEntry e = entries.get(Blobs.clean(name));
    if (e == null) {
      throw new java.io.FileNotFoundException(name);
    }
    if (e.isSparse()) {
      synchronized (tar) {
        return new java.io.ByteArrayInputStream(tar.getInputStream(e).readAllBytes());
      }
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    ch.position(e.getDataOffset());
    return new Bounded(Channels.newInputStream(ch), e.getSize());
  }

  @Override
  public BlobOrigin origin(String name, String expectedDigest) {
    return stamp == null ? null : new BlobOrigin(stamp, Blobs.clean(name), expectedDigest);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  /** A stream limited to {@code remaining} bytes of its source. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
