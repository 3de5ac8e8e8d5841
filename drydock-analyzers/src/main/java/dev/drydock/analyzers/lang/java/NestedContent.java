package dev.drydock.analyzers.lang.java;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * The inflated bytes of one nested archive entry, held in memory when small and in a temp file (deleted
 * on {@link #close()}) when large, with their SHA-1. Reading stops with {@link LimitExceededException}
 * as soon as the entry passes its size cap, its compression-ratio cap or the outer archive's budget:
 * declared sizes are not trusted.
 */
final class NestedContent implements Closeable {
  private final byte[] bytes;
  private final Path file;
  private final String sha1;

  private NestedContent(byte[] bytes, Path file, String sha1) {
    this.bytes = bytes;
    this.file = file;
    this.sha1 = sha1;
  }

  static NestedContent read(InputStream in, long compressedSize, ArchiveLimits limits, Budget budget, Path scratchDir)
      throws IOException {
    MessageDigest digest = Hashing.sha1();
    long sizeCap = limits.maxNestedEntryBytes();
    long ratioCap = limits.ratioCap(compressedSize);
    long budgetCap = budget.bytesLeft();
    long cap = Math.min(Math.min(sizeCap, ratioCap), budgetCap);
    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    Path file = null;
    OutputStream out = memory;
    long total = 0;
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > cap) {
          throw new LimitExceededException(reason(limits, cap, sizeCap, ratioCap));
        }
        digest.update(buf, 0, n);
        if (file == null && total > limits.inMemoryThreshold()) {
          Files.createDirectories(scratchDir);
          file = Files.createTempFile(scratchDir, "drydock-jar-", ".tmp");
          out = Files.newOutputStream(file, StandardOpenOption.WRITE);
          memory.writeTo(out);
          memory = null;
        }
        out.write(buf, 0, n);
      }
      out.close();
    } catch (IOException | RuntimeException e) {
      closeQuietly(out);
      if (file != null) {
        Files.deleteIfExists(file);
      }
      throw e;
    } finally {
      budget.spend(total);
    }
    String hex = HexFormat.of().formatHex(digest.digest());
    return file == null ? new NestedContent(memory.toByteArray(), null, hex) : new NestedContent(null, file, hex);
  }

  /** Which limit {@code cap} is, in words. */
  private static String reason(ArchiveLimits limits, long cap, long sizeCap, long ratioCap) {
    if (cap == sizeCap) {
      return "entry inflates past " + ArchiveLimits.describe(sizeCap) + " (limit)";
    }
    if (cap == ratioCap) {
      return "entry inflates to more than " + limits.maxCompressionRatio() + " times its compressed size (limit)";
    }
    return "archive inflates past " + ArchiveLimits.describe(limits.maxTotalInflatedBytes()) + " in total (limit)";
  }

  String sha1() {
    return sha1;
  }

  SeekableByteChannel channel() throws IOException {
    return bytes != null ? new SeekableInMemoryByteChannel(bytes) : Files.newByteChannel(file);
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // already failing
    }
  }
}
