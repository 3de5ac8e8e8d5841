package dev.drydock.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The identity of a file as stat'ed at one moment: device, inode, size, modification time and
 * status-change time (ctime), in nanoseconds. Used to skip re-hashing a file whose blobs were verified
 * before: any write to the file, a {@code touch}, a rename over it or a {@code chmod} changes its ctime,
 * and an unprivileged user cannot set ctime back (mtime can be set back with {@code touch -d}, so mtime
 * alone would not do).
 *
 * @param path absolute, normalised path
 * @param takenAt the clock just before the file was stat'ed
 */
public record FileStamp(Path path, long device, long inode, long size, long mtimeNanos, long ctimeNanos,
    Instant takenAt) {

  /**
   * Stats {@code file} (following symbolic links); null when the file system offers no unix attributes
   * (no ctime, e.g. on Windows): such files are re-hashed on every scan.
   */
  public static FileStamp of(Path file) throws IOException {
    Instant now = Instant.now();
    Map<String, Object> a;
    try {
      a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
    if (!(a.get("dev") instanceof Long dev) || !(a.get("ino") instanceof Long ino) || !(a.get("size") instanceof Long size)
        || !(a.get("lastModifiedTime") instanceof FileTime mtime) || !(a.get("ctime") instanceof FileTime ctime)) {
      return null;
    }
    return new FileStamp(file.toAbsolutePath().normalize(), dev, ino, size, mtime.to(TimeUnit.NANOSECONDS),
        ctime.to(TimeUnit.NANOSECONDS), now);
  }

  /** What is compared between scans: {@code device:inode:size:mtime:ctime}. */
  public String key() {
    // a StringBuilder, not '+': an indy string concatenation of five longs spins classes at run time that the
    // launcher's class-data archive does not hold (measurable on a warm scan)
    return new StringBuilder(100).append(device).append(':').append(inode).append(':').append(size).append(':')
        .append(mtimeNanos).append(':').append(ctimeNanos).toString();
  }

  /** Same file, unchanged: same path and {@link #key()}. */
  public boolean sameAs(FileStamp other) {
    return other != null && path.equals(other.path) && key().equals(other.key());
  }

  /**
   * Whether the file's last change lies more than {@code margin} before the stat. Only then is a later
   * write certain to change the stamp: file systems keep times at a granularity (a kernel tick, or one
   * or two seconds on some), and a write within the same tick as the recorded one would leave ctime
   * equal (git's "racy" index entries are the same problem).
   */
  public boolean settled(Duration margin) {
    long limit = TimeUnit.SECONDS.toNanos(takenAt.getEpochSecond()) + takenAt.getNano() - margin.toNanos();
    return mtimeNanos < limit && ctimeNanos < limit;
  }
}
