package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One engine instance's scratch directory, {@code <cache>/tmp/<pid>-<random>}: spilled layer entries, inflated
 * nested jars, a gunzipped archive. Removed on {@link #close()}. A process that was killed cannot remove its
 * own, so {@link #open} removes the directories of processes that no longer run (the pid in the name is not
 * alive) and that nothing was added to or removed from for {@link #STALE_MILLIS} (a cache shared by containers
 * in other pid namespaces sees their live pids as gone: the age keeps their running scans' directories), and
 * loose files of older drydock versions (which wrote straight into {@code <cache>/tmp}) once they are a day old.
 */
final class Scratch implements AutoCloseable {
  static final long LOOSE_FILE_AGE_MILLIS = 24L * 60 * 60 * 1000;
  static final long STALE_MILLIS = 60L * 60 * 1000;

  private final Path dir;

  private Scratch(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  static Scratch open(Path cacheDir) {
    Path tmp = cacheDir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
      removeStale(tmp);
      byte[] random = new byte[6];
      new SecureRandom().nextBytes(random);
      Path dir = Files.createDirectory(tmp.resolve(ProcessHandle.current().pid() + "-"
          + HexFormat.of().formatHex(random)));
      return new Scratch(dir);
    } catch (IOException e) {
      throw dev.drydock.model.StorageFailures.cannotCreateDirectory(cacheDir, e);
    }
  }

  /** Scratch directories of dead processes, and loose files older than a day. Best effort. */
  static void removeStale(Path tmp) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
      for (Path e : entries) {
        String name = e.getFileName().toString();
        if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
          Optional<Long> pid = pidOf(name);
          if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            continue;
          }
          if (pid.isPresent() && age(e) > STALE_MILLIS) {
            deleteTree(e);
          }
        } else if (age(e) > LOOSE_FILE_AGE_MILLIS) {
          Files.deleteIfExists(e);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // another process may be removing the same entries; what is left is removed next time
    }
  }

  private static long age(Path p) throws IOException {
    return System.currentTimeMillis() - Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
  }

  /** The pid of a scratch directory's name {@code <pid>-<hex>}, if it is one. */
  static Optional<Long> pidOf(String name) {
    int dash = name.indexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(name.substring(0, dash)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // removed at the next open as the directory of a dead process
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
