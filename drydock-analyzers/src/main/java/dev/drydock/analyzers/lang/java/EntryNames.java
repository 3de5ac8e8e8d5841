package dev.drydock.analyzers.lang.java;

/** Zip entry names that would land outside the archive root when extracted (zip-slip). */
final class EntryNames {
  private EntryNames() {}

  /**
   * True when {@code name} is absolute ({@code /etc/passwd}, {@code \x}, {@code C:x}) or has more
   * {@code ..} segments than the segments before them ({@code ../../x}, {@code a/../../x}). Both '/' and
   * '\' count as separators, since extractors on Windows honour either.
   */
  static boolean escapesRoot(String name) {
    if (name.startsWith("/") || name.startsWith("\\")) {
      return true;
    }
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      return true;
    }
    int depth = 0;
    for (String segment : name.split("[/\\\\]", -1)) {
      if (segment.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return false;
  }
}
