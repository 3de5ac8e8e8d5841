package dev.drydock.image.dir;

import dev.drydock.image.ImageSource;
import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/** Entry point for directory targets: a root filesystem or a source tree. */
public final class Directories {
  /** Paths whose presence (without following symlinks) marks a root filesystem. */
  static final List<String> ROOTFS_MARKERS = List.of(
      "etc/os-release",
      "usr/lib/os-release",
      "var/lib/dpkg",
      "lib/apk/db",
      "var/lib/rpm",
      "usr/lib/sysimage/rpm",
      "etc/alpine-release",
      "etc/debian_version",
      "etc/redhat-release",
      "etc/system-release",
      "etc/lsb-release");

  private Directories() {}

  /** Opens {@code dir} as kind {@code rootfs} when it looks like one, else as kind {@code source}. */
  /** Opens {@code dir} as a {@code rootfs} or {@code source} target, as detected before. */
  public static ImageSource open(Path dir, String kind) {
    requireReadable(dir);
    return new DirectorySource(dir, kind);
  }

  /** @throws DrydockException when the directory cannot be listed */
  public static void requireReadable(Path dir) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.iterator().hasNext();
    } catch (IOException | SecurityException e) {
      throw new DrydockException("cannot read directory " + dir + ": " + reason(e));
    }
  }

  public static boolean isRootfs(Path dir) {
    for (String marker : ROOTFS_MARKERS) {
      if (Files.exists(dir.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
