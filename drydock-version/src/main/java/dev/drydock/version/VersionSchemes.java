package dev.drydock.version;

import dev.drydock.model.Ecosystem;

/** The one visible list of version schemes, by ecosystem. */
public final class VersionSchemes {
  private VersionSchemes() {}

  /** The scheme that orders versions of {@code ecosystem}. */
  public static VersionScheme of(Ecosystem ecosystem) {
    throw new UnsupportedOperationException("schemes are added by the version-scheme work");
  }
}
