package dev.drydock.analyzers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content in a file on local disk. */
record DiskFileInput(String path, Path file, long size, int mode, Path scratchDir) implements FileInput {
  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public Path localFile() {
    return file;
  }
}
