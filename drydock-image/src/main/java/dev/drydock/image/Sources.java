package dev.drydock.image;

import dev.drydock.image.archive.Archives;
import dev.drydock.image.dir.Directories;
import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ScanTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Opens a target, detecting its kind from its content. */
public final class Sources {
  private Sources() {}

  /**
   * Opens {@code target}: a docker-archive tar (plain or gzip'd), an OCI image layout directory or its
   * tar, a root filesystem directory, or a source directory (anything else that is a directory).
   *
   * @throws dev.drydock.model.DrydockException when the target is missing, unreadable or not an image
   */
  public static ImageSource open(Path target, SourceOptions options) throws IOException {
    return open(detect(target), options);
  }

  /**
   * What {@code path} is, from its content: an OCI layout directory (checked: {@code oci-layout} and
   * {@code index.json} are readable regular files), a root filesystem, a source directory, or an archive file
   * (a readable regular file; docker-archive or OCI tar is decided when it is opened).
   *
   * @throws dev.drydock.model.DrydockException when the path is missing, unreadable or neither a file nor a
   *     directory
   */
  public static ScanTarget detect(Path target) {
    if (!Files.exists(target)) {
      throw new DrydockException("cannot open " + target + ": no such file or directory");
    }
    if (Files.isDirectory(target)) {
      if (looksLikeOciLayout(target)) {
        requireLayoutFile(target, "oci-layout");
        requireLayoutFile(target, "index.json");
        return new ScanTarget.OciLayout(target);
      }
      Directories.requireReadable(target);
      return Directories.isRootfs(target) ? new ScanTarget.RootFilesystem(target)
          : new ScanTarget.SourceDirectory(target);
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
      throw new DrydockException("not a container image: " + target + " (not a regular file or directory)");
    }
    if (!Files.isReadable(target)) {
      throw new DrydockException("cannot read " + target + ": permission denied");
    }
    return new ScanTarget.ArchiveFile(target);
  }

  /** Opens a typed target; a registry image is refused (not supported yet). */
  public static ImageSource open(ScanTarget target, SourceOptions options) throws IOException {
    SourceOptions opts = options == null ? new SourceOptions(null, Limits.DEFAULT, null) : options;
    if (opts.limits() == null) {
      opts = new SourceOptions(opts.platform(), Limits.DEFAULT, opts.scratchDir());
    }
    if (target instanceof ScanTarget.ArchiveFile a) {
      return Archives.openFile(a.file(), opts);
    } else if (target instanceof ScanTarget.OciLayout o) {
      return Archives.openOciDirectory(o.dir(), o.tag(), opts);
    } else if (target instanceof ScanTarget.RootFilesystem || target instanceof ScanTarget.SourceDirectory) {
      Path dir = target instanceof ScanTarget.RootFilesystem r ? r.dir() : ((ScanTarget.SourceDirectory) target).dir();
      return Directories.open(dir, target.kind());
    } else if (target instanceof ScanTarget.RegistryImage r) {
      throw r.notSupported();
    } else if (target instanceof ScanTarget.DaemonImage d) {
      throw d.notSupported();
    }
    throw new IllegalArgumentException("unknown target " + target);
  }

  /**
   * A directory is an OCI image layout when it has an {@code oci-layout} file, or an {@code index.json}
   * beside a {@code blobs} directory, of whatever type (not following links). Such a directory that is
   * broken is bad input, never a source tree with nothing in it.
   */
  static boolean looksLikeOciLayout(Path dir) {
    if (Files.exists(dir.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return Files.exists(dir.resolve("index.json"), LinkOption.NOFOLLOW_LINKS)
        && Files.exists(dir.resolve("blobs"), LinkOption.NOFOLLOW_LINKS);
  }

  private static void requireLayoutFile(Path dir, String name) {
    Path p = dir.resolve(name);
    String what;
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      what = "has no " + name;
    } else if (Files.isRegularFile(p)) {
      if (Files.isReadable(p)) {
        return;
      }
      what = "cannot read " + name + ": permission denied";
    } else if (Files.isDirectory(p)) {
      what = name + " is a directory, not a regular file";
    } else if (!Files.exists(p)) {
      what = name + " is a dangling link";
    } else {
      what = name + " is not a regular file (a FIFO, device or socket, or a link to one)";
    }
    throw new DrydockException("broken OCI image layout " + dir + ": " + what);
  }
}
