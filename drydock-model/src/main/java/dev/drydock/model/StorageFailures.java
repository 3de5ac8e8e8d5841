package dev.drydock.model;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * One-line messages for a cache or store that cannot be written: a full disk says so ({@code no space left on
 * device writing <path>}) whatever layer noticed it first (SQLite's {@code Error opening connection}, SQLITE_FULL,
 * an {@link IOException}), and a file-system failure names the path once, with the reason in a few words
 * ({@code cannot create cache directory <path>: Read-only file system}).
 */
public final class StorageFailures {
  /** SQLite's primary result code for "database or disk is full". */
  private static final int SQLITE_FULL = 13;
  /**
   * A write that failed while the file system had less than this left is put down to a full disk: SQLite needs a
   * few pages (and its write-ahead log) to open a database, so it fails before the disk is quite at 0 bytes.
   */
  static final long NEARLY_FULL_BYTES = 256 * 1024;

  private StorageFailures() {}

  /**
   * Whether {@code failure} (or a cause of it) says the disk is full, or the file system holding {@code where} (or
   * its nearest existing parent) has (nearly) no space left.
   */
  public static boolean diskFull(Path where, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLITE_FULL) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("SQLITE_FULL")
          || m.contains("database or disk is full"))) {
        return true;
      }
    }
    return usableBytes(where) < NEARLY_FULL_BYTES;
  }

  /** {@code no space left on device writing <path>}. */
  public static DrydockException noSpace(Path path, Throwable cause) {
    return new DrydockException("no space left on device writing " + path, cause);
  }

  /**
   * A write of {@code path} failed: {@link #noSpace} when the disk is full, else {@code <what> <path>: <reason>}
   * naming the path once.
   */
  public static DrydockException cannotWrite(String what, Path path, Exception cause) {
    if (diskFull(path, cause)) {
      return noSpace(path, cause);
    }
    return new DrydockException(what + " " + path + ": " + reason(cause), cause);
  }

  /**
   * Creating directory {@code dir} (or a directory inside it) failed: {@code cannot create cache directory
   * <the directory that failed>: <reason>}, or {@link #noSpace}.
   */
  public static DrydockException cannotCreateDirectory(Path dir, IOException cause) {
    Path failed = cause instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile()) : dir;
    if (diskFull(failed, cause)) {
      return noSpace(failed, cause);
    }
    return new DrydockException("cannot create cache directory " + failed + ": " + reason(cause), cause);
  }

  /** The reason of a failure in a few words, without the path a {@link FileSystemException} puts in front. */
  public static String reason(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  private static long usableBytes(Path where) {
    for (Path p = where == null ? null : where.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        try {
          return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
          return Long.MAX_VALUE;
        }
      }
    }
    return Long.MAX_VALUE;
  }
}
