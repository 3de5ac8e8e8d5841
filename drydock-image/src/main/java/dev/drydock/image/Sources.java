package dev.drydock.image;

import java.io.IOException;
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
    throw new UnsupportedOperationException("filled in by the image module");
  }
}
