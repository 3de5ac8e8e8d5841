package dev.drydock.model.targets;

/** {@code --platform} as OCI indexes and Docker manifest lists are searched with it (an OCI layout, a registry). */
public final class Platforms {
  private Platforms() {}

  /**
   * Whether an index entry's {@code platform} ({@code os/arch[/variant]}) is the {@code requested} one: os and
   * architecture equal, and a requested variant equal too (arm64 without a variant means v8).
   */
  public static boolean matches(String platform, String requested) {
    if (platform == null) {
      return false;
    }
    String[] have = platform.split("/");
    String[] want = requested.trim().split("/");
    if (want.length < 2 || have.length < 2 || !have[0].equals(want[0]) || !have[1].equals(want[1])) {
      return false;
    }
    if (want.length < 3) {
      return true;
    }
    String variant = have.length > 2 ? have[2] : (have[1].equals("arm64") ? "v8" : null);
    return want[2].equals(variant);
  }
}
