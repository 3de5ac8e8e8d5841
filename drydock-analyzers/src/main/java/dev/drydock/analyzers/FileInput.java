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

  default byte[] bytes() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }

  default String text() throws IOException {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** A FileInput over bytes already in memory (tests, nested archives). */
  static FileInput ofBytes(String path, byte[] content, int mode) {
    return new InMemoryFileInput(path, content, mode);
  }

  /** A FileInput over a file on disk (root filesystems, source trees, tests). */
  static FileInput ofFile(String path, java.nio.file.Path file, int mode) throws IOException {
    return new DiskFileInput(path, file, java.nio.file.Files.size(file), mode);
  }
}
