package dev.drydock.vulndb.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Write-to-temp-then-rename in the destination's directory. Temp files are named
 * {@code .<file name>.<digits>.part}, so a process killed mid-write leaves only such a file, which
 * {@link #cleanStale} removes on the next run (the caller must be the only writer of that destination).
 */
final class AtomicFiles {
  private AtomicFiles() {}

  static Path newTemp(Path dest) throws IOException {
    Path dir = dest.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + dest.getFileName() + ".", ".part");
  }

  static boolean isTempOf(Path dest, Path candidate) {
    String name = candidate.getFileName().toString();
    return Pattern.matches(Pattern.quote("." + dest.getFileName() + ".") + "\\d+\\.part", name);
  }

  /** Deletes temp files a killed earlier run left for {@code dest}; returns how many. */
  static int cleanStale(Path dest) throws IOException {
    Path dir = dest.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> isTempOf(dest, p))) {
      for (Path p : entries) {
        Files.deleteIfExists(p);
        n++;
      }
    }
    return n;
  }

  /** Flushes {@code temp} to disk and renames it over {@code dest} atomically. */
  static void commit(Path temp, Path dest) throws IOException {
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, dest, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Replaces {@code dest} with {@code bytes} atomically: readers see the old or the new content, never half. */
  static void write(Path dest, byte[] bytes) throws IOException {
    Path temp = newTemp(dest);
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(bytes);
      }
      commit(temp, dest);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
