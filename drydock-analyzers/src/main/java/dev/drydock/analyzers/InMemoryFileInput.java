package dev.drydock.analyzers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content held in memory; {@link #localFile()} writes it to a scratch file once, {@link #discard()} deletes it. */
final class InMemoryFileInput implements FileInput {
  private final String path;
  private final byte[] content;
  private final int mode;
  private final Path scratchDir;
  private Path spilled;

  InMemoryFileInput(String path, byte[] content, int mode, Path scratchDir) {
    this.path = path;
    this.content = content;
    this.mode = mode;
    this.scratchDir = scratchDir;
  }

  @Override
  public Path scratchDir() {
    return scratchDir;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public long size() {
    return content.length;
  }

  @Override
  public int mode() {
    return mode;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(content);
  }

  @Override
  public byte[] bytes() {
    return content;
  }

  @Override
  public synchronized Path localFile() throws IOException {
    if (spilled == null) {
      Files.createDirectories(scratchDir);
      spilled = Files.createTempFile(scratchDir, "drydock-", ".tmp");
      Files.write(spilled, content);
    }
    return spilled;
  }

  @Override
  public synchronized void discard() throws IOException {
    if (spilled != null) {
      Files.deleteIfExists(spilled);
      spilled = null;
    }
  }
}
