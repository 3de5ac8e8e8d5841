package dev.drydock.image.archive;

import dev.drydock.image.Digests;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.LayerVisitor.EntryType;
import dev.drydock.image.Limits;
import dev.drydock.model.DrydockException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.util.zip.GZIPInputStream;

/**
 * One streaming pass over a layer blob: detects gzip/zstd by magic bytes, hashes the stored and the
 * uncompressed bytes, enforces {@link Limits}, reports entries to a {@link LayerVisitor}, and verifies
 * both digests once the whole blob has been read.
 */
final class LayerWalker {
  /**
   * Entries per layer (files, directories, links, whiteouts). The largest real layers hold some hundreds of
   * thousands (a full TeX Live, a monorepo's node_modules); the structure of every entry is kept while the layer is
   * analysed, so the count, not only the bytes, is bounded.
   */
  static final long MAX_ENTRIES = 5_000_000;

  private final String target;
  private final LayerRef ref;
  private final Limits limits;
  private final long maxEntries;
  private String current = "";

  LayerWalker(String target, LayerRef ref, Limits limits) {
    this(target, ref, limits, MAX_ENTRIES);
  }

  LayerWalker(String target, LayerRef ref, Limits limits, long maxEntries) {
    this.target = target;
    this.ref = ref;
    this.limits = limits;
    this.maxEntries = maxEntries;
  }

  static String label(String target, Layer layer) {
    String d = layer.digest() != null ? layer.digest() : layer.diffId();
    return "layer " + layer.index() + (d == null ? "" : " (" + Digests.shortForm(d) + ")") + " of " + target;
  }

  private DrydockException bad(String message) {
    return new DrydockException(label(target, ref.layer()) + ": " + message);
  }

  /** Walks the layer and returns the verified sha256 of its stored bytes. */
  String walk(Blobs blobs, LayerVisitor visitor) throws IOException {
    if (!blobs.has(ref.blobName())) {
      throw bad("missing blob " + ref.blobName());
    }
    try (InputStream raw = blobs.open(ref.blobName())) {
      CountingDigestStream stored = new CountingDigestStream(raw, Digests.newSha256());
      BufferedInputStream buffered = new BufferedInputStream(stored, 64 * 1024);
      String compression = sniff(buffered);
      InputStream decompressed = switch (compression) {
        case "gzip" -> new Guarded(openGzip(buffered), "gzip");
        case "zstd" -> new Guarded(new io.airlift.compress.zstd.ZstdInputStream(buffered), "zstd");
        default -> buffered;
      };
      boolean compressed = !compression.equals("tar");
      CountingDigestStream uncompressed = new CountingDigestStream(decompressed, Digests.newSha256()) {
        @Override
        void afterRead() {
          checkTotals(count, compressed ? stored.count : -1);
        }
      };
      // tar reads 512-byte records: buffer above the digest so it hashes large blocks
      // the structure check sits below the tar reader: it sees every header and data byte the reader reads
      TarStructure checked = new TarStructure(new BufferedInputStream(uncompressed, 64 * 1024), this::bad);
      walkTar(new TarArchiveInputStream(checked), visitor);
      checked.finish();
      uncompressed.drain();
      byte[] rest = new byte[64 * 1024];
      while (buffered.read(rest) >= 0) {
        // consume trailing bytes so the stored digest covers the whole blob
      }
      String storedDigest = Digests.format(stored.digest.digest());
      verify(storedDigest, Digests.format(uncompressed.digest.digest()));
      return storedDigest;
    }
  }

  private InputStream openGzip(InputStream in) {
    try {
      // the JDK's stream (zlib, concatenated members) with a large input buffer: far fewer native calls
      return new GZIPInputStream(in, 64 * 1024);
    } catch (IOException e) {
      throw bad("corrupt gzip data: " + reason(e));
    }
  }

  private static String sniff(BufferedInputStream in) throws IOException {
    in.mark(8);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return "gzip";
    }
    if (magic.length == 4
        && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      return "zstd";
    }
    return "tar";
  }

  private void checkTotals(long inflated, long stored) {
    if (inflated > limits.maxLayerSize()) {
      throw bad("entry " + current + ": uncompressed layer exceeds the limit of " + limits.maxLayerSize() + " bytes");
    }
    if (stored > 0 && inflated > limits.ratioGraceBytes() && inflated > limits.maxExpansionRatio() * stored) {
      throw bad("entry " + current + ": expansion ratio exceeds the limit of " + limits.maxExpansionRatio()
          + " (" + inflated + " bytes from " + stored + "), possible decompression bomb");
    }
  }

  private void verify(String storedDigest, String diffId) {
    if (ref.expectedBlobDigest() != null && !ref.expectedBlobDigest().equals(storedDigest)) {
      throw bad("digest mismatch: expected " + ref.expectedBlobDigest() + ", got " + storedDigest);
    }
    String expectedDiffId = ref.layer().diffId();
    if (expectedDiffId != null && !expectedDiffId.equals(diffId)) {
      throw bad("diff_id mismatch: expected " + expectedDiffId + ", got " + diffId);
    }
  }

  private TarArchiveEntry next(TarArchiveInputStream tar) {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw bad("corrupt tar data" + (current.isEmpty() ? "" : " after " + current) + ": " + reason(e));
    } catch (IllegalArgumentException e) {
      throw bad("corrupt tar header" + (current.isEmpty() ? "" : " after " + current) + ": " + reason(e));
    }
  }

  private void walkTar(TarArchiveInputStream tar, LayerVisitor visitor) throws IOException {
    TarArchiveEntry e;
    long entries = 0;
    while ((e = next(tar)) != null) {
      if (e.isGlobalPaxHeader()) {
        continue;
      }
      String name = e.getName();
      current = name;
      if (++entries > maxEntries) {
        throw bad("entry " + name + ": the layer has more than " + maxEntries + " entries (limit)");
      }
      if (name.startsWith("/")) {
        throw bad("absolute entry path " + name);
      }
      String path = EntryPaths.normalise(name);
      if (path == null) {
        throw bad("entry " + name + " escapes the image root");
      }
      long size = e.getSize();
      if (size > limits.maxEntrySize()) {
        throw bad("entry " + name + ": size " + size + " exceeds the limit of " + limits.maxEntrySize() + " bytes");
      }
      if (path.isEmpty()) {
        continue;
      }
      String base = EntryPaths.name(path);
      String dir = EntryPaths.parent(path);
      if (base.startsWith(".wh.")) {
        whiteout(visitor, dir, base);
        continue;
      }
      EntryType type = typeOf(e);
      int mode = e.getMode() & 07777;
      visitor.entry(path, type, size, mode, (int) e.getLongUserId(), (int) e.getLongGroupId());
      switch (type) {
        case SYMLINK -> visitor.link(path, e.getLinkName(), false);
        case HARDLINK -> visitor.link(path, hardLinkTarget(e.getLinkName()), true);
        case FILE -> {
          if (visitor.wants(path, size, mode)) {
            visitor.file(path, size, mode, new EntryContent(tar));
          }
        }
        default -> {
          // directories and devices carry no content
        }
      }
    }
  }

  private void whiteout(LayerVisitor visitor, String dir, String base) {
    if (base.equals(".wh..wh..opq")) {
      visitor.opaqueDir(dir);
      return;
    }
    String hidden = base.substring(4);
    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
      throw bad("invalid whiteout entry " + current);
    }
    visitor.whiteout(dir.isEmpty() ? hidden : dir + "/" + hidden);
  }

  private String hardLinkTarget(String link) {
    String t = EntryPaths.normalise(link);
    if (t == null || t.isEmpty()) {
      throw bad("hard link " + current + " points outside the image root: " + link);
    }
    return t;
  }

  private static EntryType typeOf(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return EntryType.SYMLINK;
    }
    if (e.isLink()) {
      return EntryType.HARDLINK;
    }
    if (e.isDirectory()) {
      return EntryType.DIRECTORY;
    }
    if (e.isFile()) {
      return EntryType.FILE;
    }
    return EntryType.OTHER;
  }

  static String reason(Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.io.EOFException && (m == null || m.isBlank() || m.startsWith("Unexpected end of ZLIB"))) {
      return "unexpected end of data (truncated)";
    }
    if (m == null || m.isBlank()) {
      return "unreadable data";
    }
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  /** Turns decompressor failures into one-line bad-input errors. */
  private final class Guarded extends FilterInputStream {
    private final String format;

    Guarded(InputStream in, String format) {
      super(in);
      this.format = format;
    }

    private DrydockException corrupt(Exception e) {
      return bad("corrupt " + format + " data: " + reason(e));
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (DrydockException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw corrupt(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (DrydockException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw corrupt(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (DrydockException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw corrupt(e);
      }
    }
  }

  /** The current entry's bytes; closing is a no-op, read errors are bad input. */
  private final class EntryContent extends FilterInputStream {
    EntryContent(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (DrydockException e) {
        throw e;
      } catch (IOException e) {
        throw bad("corrupt tar data in " + current + ": " + reason(e));
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (DrydockException e) {
        throw e;
      } catch (IOException e) {
        throw bad("corrupt tar data in " + current + ": " + reason(e));
      }
    }

    @Override
    public void close() {}
  }
}
