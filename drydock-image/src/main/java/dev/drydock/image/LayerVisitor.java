package dev.drydock.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the entries of one layer. Paths are normalised: image-root-relative, '/'-separated, no
 * leading slash or {@code ./}, no trailing slash, never containing {@code ..} (entries that would escape
 * the root are rejected by the walker before they reach the visitor).
 */
public interface LayerVisitor {

  /** Called for every entry (files, directories, links, devices) before any other callback for it. */
  default void entry(String path, EntryType type, long size, int mode, int uid, int gid) {}

  /** Whether the visitor wants the content of the regular file at {@code path}. Must be cheap. */
  boolean wants(String path, long size, int mode);

  /**
   * Content of a wanted regular file. The stream is valid only during this call; unread bytes are
   * skipped by the walker. Do not close it.
   */
  void file(String path, long size, int mode, InputStream content) throws IOException;

  /** {@code .wh.<name>} deletes {@code path} (and its subtree) from lower layers. */
  default void whiteout(String path) {}

  /** {@code .wh..wh..opq} hides everything lower layers put below {@code dir}. */
  default void opaqueDir(String dir) {}

  /**
   * A symbolic link ({@code hard == false}; target as written in the tar, may be relative or absolute)
   * or a hard link ({@code hard == true}; target normalised like a path).
   */
  default void link(String path, String target, boolean hard) {}

  enum EntryType {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    OTHER
  }
}
