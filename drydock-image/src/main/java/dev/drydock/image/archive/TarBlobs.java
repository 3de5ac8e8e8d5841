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
    checkHeaders(file);
    this.tar = new TarFile(file);
    for (TarArchiveEntry e : tar.getEntries()) {
      if (e.isFile()) {
        entries.put(Blobs.clean(e.getName()), e);
      }
    }
  }

  /**
   * Checks every header of the outer tar by seeking from one to the next (data is not read): checksums,
   * size fields, and that no header or entry data runs past the end of the file. The same rules as
   * {@link TarStructure}, which checks layer streams.
   */
  static void checkHeaders(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = ch.size();
      long pos = 0;
      long paxSize = -1;
      String entry = "";
      byte[] h = new byte[TarHeaders.BLOCK];
      while (pos < length) {
        if (length - pos < TarHeaders.BLOCK) {
          throw new IOException("truncated inside the header at offset " + pos + after(entry));
        }
        readFully(ch, pos, h);
        if (TarHeaders.isZeroBlock(h)) {
          return;
        }
        if (!TarHeaders.checksumOk(h)) {
          throw new IOException("header checksum mismatch at offset " + pos + after(entry));
        }
        long size = TarHeaders.size(h);
        if (size < 0) {
          throw new IOException("invalid size field in the header at offset " + pos + after(entry));
        }
        char type = TarHeaders.type(h);
        boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K' || type == 'X';
        if (!meta) {
          entry = TarHeaders.name(h);
          if (paxSize >= 0) {
            size = paxSize;
          }
          paxSize = -1;
        }
        if (type >= '1' && type <= '6') {
          size = 0;
        }
        long header = pos;
        boolean extended = TarHeaders.hasSparseExtension(h);
        pos += TarHeaders.BLOCK;
        while (extended) {
          if (length - pos < TarHeaders.BLOCK) {
            throw new IOException("truncated inside the header at offset " + header + after(entry));
          }
          readFully(ch, pos, h);
          extended = TarHeaders.extensionContinues(h);
          pos += TarHeaders.BLOCK;
        }
        if (type == 'x') {
          if (size > TarStructure.MAX_PAX_HEADER) {
            throw new IOException("pax header at offset " + header + " is larger than "
                + TarStructure.MAX_PAX_HEADER + " bytes");
          }
          if (length - pos < size) {
            throw new IOException("truncated inside the pax header at offset " + header + after(entry));
          }
          byte[] pax = new byte[(int) size];
          readFully(ch, pos, pax);
          paxSize = TarHeaders.paxSize(pax, pax.length);
          if (paxSize == -2) {
            throw new IOException("invalid size record in the pax header at offset " + header + after(entry));
          }
        }
        long padded = size + (TarHeaders.BLOCK - size % TarHeaders.BLOCK) % TarHeaders.BLOCK;
        if (length - pos < padded) {
          throw new IOException("truncated inside the data of " + entry);
        }
        pos += padded;
      }
    }
  }

  private static String after(String entry) {
    return entry.isEmpty() ? "" : " (after " + entry + ")";
  }

  private static void readFully(FileChannel ch, long pos, byte[] into) throws IOException {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(into);
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        throw new java.io.EOFException("unexpected end of file at offset " + (pos + buf.position()));
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
