package dev.drydock.analyzers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One file handed to an analyzer. The content may be opened more than once.
 *
 * <p>{@link #open()} streams; {@link #bytes()} reads the whole file into memory (only for files the
 * analyzer knows are small, such as release files and package database stanzas).
 */
public interface FileInput {

  /** Image-root-relative path, '/'-separated, no leading slash. */
  String path();

  long size();

  /** Unix mode bits; 0 when unknown. */
  int mode();

  /** A fresh stream over the content. The caller closes it. */
  InputStream open() throws IOException;

  /**
   * A real file on local disk holding the content, for readers that need random access (SQLite rpmdb,
   * zip central directory). Implementations may spill the content to a temporary file inside the
   * drydock cache directory; it is deleted after the analyzer returns.
   */
  java.nio.file.Path localFile() throws IOException;

  /**
   * Where the analyzer may write scratch files (deleted before it returns): the scanning engine's own
   * scratch directory, inside the drydock cache directory. There is no process-wide temp directory.
   */
  java.nio.file.Path scratchDir();

  /**
   * Deletes what {@link #localFile()} spilled to the scratch directory, if anything; the caller calls it when
   * every analyzer of this file returned. A file given as a local file is never deleted here.
   */
  default void discard() throws IOException {}

  default byte[] bytes() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }

  default String text() throws IOException {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** A FileInput over bytes already in memory (tests, nested archives); scratch files in the JVM's temp directory. */
  static FileInput ofBytes(String path, byte[] content, int mode) {
    return ofBytes(path, content, mode, defaultScratch());
  }

  /** A FileInput over bytes already in memory, spilling to {@code scratchDir} when a file is needed. */
  static FileInput ofBytes(String path, byte[] content, int mode, java.nio.file.Path scratchDir) {
    return new InMemoryFileInput(path, content, mode, scratchDir);
  }

  /** A FileInput over a file on disk (tests); scratch files in the JVM's temp directory. */
  static FileInput ofFile(String path, java.nio.file.Path file, int mode) throws IOException {
    return ofFile(path, file, mode, defaultScratch());
  }

  /** A FileInput over a file on disk (root filesystems, source trees, spilled layer entries). */
  static FileInput ofFile(String path, java.nio.file.Path file, int mode, java.nio.file.Path scratchDir)
      throws IOException {
    return new DiskFileInput(path, file, java.nio.file.Files.size(file), mode, scratchDir);
  }

  /** The JVM's temp directory: for inputs made outside a scan (tests). A scan always passes its own. */
  private static java.nio.file.Path defaultScratch() {
    return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
  }
}
