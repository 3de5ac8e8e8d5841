package dev.drydock.secrets.tree;

import java.util.Locale;
import java.util.Set;

/**
 * File names that are binary by their extension: images, fonts, archives, compiled code, media, databases.
 * Skipping them by name saves reading them (the scanner would also skip most of them after finding a NUL
 * byte). Archives are not opened: a jar or zip is a binary here, not a directory.
 */
public final class BinaryNames {
  private static final Set<String> EXTENSIONS = Set.of(
      // images and fonts
      "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "tif", "tiff", "webp", "psd", "xcf",
      "ttf", "otf", "woff", "woff2", "eot", "pfb", "pcf",
      // archives and packages
      "zip", "jar", "war", "ear", "aar", "apk", "gz", "tgz", "bz2", "xz", "zst", "lz4", "lzma", "7z", "rar",
      "tar", "deb", "rpm", "whl", "egg", "gem", "nupkg", "crate", "iso", "img", "dmg", "squashfs",
      // compiled code and objects
      "class", "so", "a", "o", "ko", "dll", "exe", "dylib", "lib", "obj", "pyc", "pyo", "pyd", "wasm", "node",
      "bin", "dat", "mo", "gmo", "cache",
      // media and documents
      "mp3", "mp4", "m4a", "ogg", "oga", "wav", "flac", "avi", "mov", "mkv", "webm", "pdf",
      // databases and indexes
      "db", "sqlite", "sqlite3", "idx", "pack");

  private BinaryNames() {}

  /** True when the file name's extension (or {@code .so.N} suffix) marks it as binary. */
  public static boolean isBinary(String fileName) {
    String name = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return false;
    }
    if (EXTENSIONS.contains(name.substring(dot + 1))) {
      return true;
    }
    return name.contains(".so.") && name.matches(".*\\.so(\\.\\d+)+");
  }
}
