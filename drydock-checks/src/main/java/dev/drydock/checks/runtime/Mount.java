package dev.drydock.checks.runtime;

/**
 * A host path mounted into a container (bind mount, Kubernetes hostPath volume).
 *
 * @param hostPath the path on the host, normalised (no trailing slash, except "/")
 * @param readOnly whether every use of it is read-only
 * @param propagation the mount propagation mode as written ({@code rshared}, {@code Bidirectional}), or null
 * @param pointer the key naming the host path
 * @param propagationPointer the key naming the propagation mode, or null
 */
public record Mount(String hostPath, boolean readOnly, String propagation, String pointer,
    String propagationPointer) {

  /** {@code path} without trailing slashes and with "." segments removed; "/" stays "/". */
  public static String normalise(String path) {
    String p = path.replaceAll("/+", "/").replaceAll("/\\./", "/");
    while (p.length() > 1 && (p.endsWith("/") || p.endsWith("/."))) {
      p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p.substring(0, p.length() - 2);
    }
    return p.isEmpty() ? "/" : p;
  }
}
