package dev.drydock.image;

import dev.drydock.image.archive.Archives;
import dev.drydock.image.dir.Directories;
import dev.drydock.model.DrydockException;
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
    SourceOptions opts = options == null ? new SourceOptions(null, Limits.DEFAULT, null) : options;
    if (opts.limits() == null) {
      opts = new SourceOptions(opts.platform(), Limits.DEFAULT, opts.scratchDir());
    }
    if (!Files.exists(target)) {
      throw new DrydockException("cannot open " + target + ": no such file or directory");
    }
    if (Files.isDirectory(target)) {
      if (Files.isRegularFile(target.resolve("oci-layout"))
          && Files.isRegularFile(target.resolve("index.json"))) {
        return Archives.openOciDirectory(target, opts);
      }
      return Directories.open(target);
    }
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
      throw new DrydockException("not a container image: " + target + " (not a regular file or directory)");
    }
    if (!Files.isReadable(target)) {
      throw new DrydockException("cannot read " + target + ": permission denied");
    }
    return Archives.openFile(target, opts);
  }
}
