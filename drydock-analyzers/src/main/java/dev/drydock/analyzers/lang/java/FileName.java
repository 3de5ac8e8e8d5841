package dev.drydock.analyzers.lang.java;

import java.util.Locale;

/**
 * A Maven-style archive file name {@code <artifactId>-<version>[-<classifier>].<ext>}: the version starts
 * at the first '-' followed by a digit ({@code spring-core-5.3.17.jar}, {@code netty-4.1.9.Final.jar}).
 *
 * @param artifactId the part before the version, or the whole base name when there is no version
 * @param version null when the name holds no version
 */
record FileName(String artifactId, String version) {

  static FileName parse(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    for (int i = 1; i < base.length() - 1; i++) {
      if (base.charAt(i) == '-' && Character.isDigit(base.charAt(i + 1))) {
        return new FileName(base.substring(0, i), base.substring(i + 1));
      }
    }
    return new FileName(base, null);
  }

  /** Whether the file name is {@code artifactId.ext} or starts with {@code artifactId-<digit>}. */
  boolean matches(String otherArtifactId) {
    return artifactId.toLowerCase(Locale.ROOT).equals(otherArtifactId.toLowerCase(Locale.ROOT));
  }
}
