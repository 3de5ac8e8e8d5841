package dev.drydock.image.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Normalises tar entry names to image-root-relative paths; null means "escapes the root". */
final class EntryPaths {
  private EntryPaths() {}

  /**
   * Strips {@code ./} and {@code .} segments, duplicate and trailing slashes, and resolves {@code ..}.
   * Returns "" for the root itself and null when a {@code ..} would climb above the root.
   */
  static String normalise(String name) {
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : name.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    return String.join("/", parts);
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
