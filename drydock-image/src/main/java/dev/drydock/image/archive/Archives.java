package dev.drydock.image.archive;

import dev.drydock.image.FileStamp;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Entry points for archive-backed targets: docker-archive and oci-archive tars, OCI layout directories. */
public final class Archives {
  private Archives() {}

  /** Opens an OCI image layout directory (it has {@code oci-layout} and {@code index.json}). */
  public static ImageSource openOciDirectory(Path dir, SourceOptions options) throws IOException {
    return openOciDirectory(dir, null, options);
  }

  /**
   * Opens the image tagged {@code tag} ({@code org.opencontainers.image.ref.name} in index.json) of an OCI image
   * layout directory; null: its one image.
   */
  public static ImageSource openOciDirectory(Path dir, String tag, SourceOptions options) throws IOException {
    return OciLayout.open(new DirBlobs(dir), dir.toString(), "oci-layout", options, null, tag);
  }

  /** Opens a regular file: a plain or gzip'd tar holding a docker-archive or an OCI layout. */
  public static ImageSource openFile(Path file, SourceOptions options) throws IOException {
    String name = file.toString();
    // stat'ed before the first read: a later change to the file changes the stamp (see FileStamp)
    FileStamp stamp = FileStamp.of(file);
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    }
    Path temp = null;
    Path tar = file;
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      temp = gunzip(file, options);
      tar = temp;
      try (InputStream in = Files.newInputStream(tar)) {
        head = in.readNBytes(512);
      }
    }
    TarBlobs blobs = null;
    try {
      if (!TarHeaders.isTarHeader(head)) {
        throw new DrydockException("not a container image: " + name + " (not a tar archive)");
      }
      try {
        blobs = new TarBlobs(tar, stamp);
      } catch (IOException | RuntimeException e) {
        throw new DrydockException("not a container image: " + name + " (corrupt tar: " + LayerWalker.reason(e) + ")");
      }
      ImageSource source;
      if (blobs.has("manifest.json")) {
        source = DockerArchive.open(blobs, name, options.limits(), temp);
      } else if (blobs.has("index.json")) {
        source = OciLayout.open(blobs, name, "oci-archive", options, temp);
      } else {
        throw new DrydockException("not a container image: " + name + " (no manifest.json or index.json)");
      }
      return source;
    } catch (IOException | RuntimeException e) {
      if (blobs != null) {
        blobs.close();
      }
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
      throw e;
    }
  }

  /** Decompresses a gzip'd outer archive into the scratch directory, guarding against bombs. */
  private static Path gunzip(Path file, SourceOptions options) throws IOException {
    Path scratch = options.scratchDir();
    if (scratch != null) {
      Files.createDirectories(scratch);
    }
    Path temp = scratch != null
        ? Files.createTempFile(scratch, "outer-", ".tar")
        : Files.createTempFile("drydock-outer-", ".tar");
    Limits limits = options.limits();
    long stored = Files.size(file);
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(file), true);
        OutputStream out = Files.newOutputStream(temp)) {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
        if (total > limits.ratioGraceBytes() && total > limits.maxExpansionRatio() * stored) {
          throw new DrydockException(file + ": gzip'd archive expands more than " + limits.maxExpansionRatio()
              + " times, possible decompression bomb");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw new DrydockException(file + ": corrupt gzip data: " + LayerWalker.reason(e));
    } catch (RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }
}
