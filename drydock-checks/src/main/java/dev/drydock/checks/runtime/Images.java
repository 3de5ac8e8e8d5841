package dev.drydock.checks.runtime;

/** Image references: is the tag {@code latest} or missing? */
public final class Images {
  private Images() {}

  /**
   * {@code "latest tag"}, {@code "no tag"}, or null when the reference is pinned (a tag other than latest,
   * or a digest) or cannot be judged (variables such as {@code ${IMAGE}}, image ids).
   */
  public static String tagProblem(String ref) {
    String r = ref.trim();
    if (r.isEmpty() || r.contains("${") || r.startsWith("$") || r.startsWith("sha256:") || r.contains("@")) {
      return null;
    }
    int slash = r.lastIndexOf('/');
    int colon = r.lastIndexOf(':');
    if (colon <= slash) {
      return "no tag";
    }
    return r.substring(colon + 1).equals("latest") ? "latest tag" : null;
  }
}
