package dev.drydock.version;

/** A version string that its scheme cannot order. */
public final class InvalidVersionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidVersionException(String scheme, String version) {
    super("not a valid " + scheme + " version: '" + version + "'");
  }
}
