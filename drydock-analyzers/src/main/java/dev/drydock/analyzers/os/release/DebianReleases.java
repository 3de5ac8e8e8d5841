package dev.drydock.analyzers.os.release;

import java.util.Map;

/** Debian major release numbers and their codenames (public facts from debian.org/releases). */
public final class DebianReleases {
  private static final Map<String, String> CODENAMES = Map.ofEntries(
      Map.entry("6", "squeeze"),
      Map.entry("7", "wheezy"),
      Map.entry("8", "jessie"),
      Map.entry("9", "stretch"),
      Map.entry("10", "buster"),
      Map.entry("11", "bullseye"),
      Map.entry("12", "bookworm"),
      Map.entry("13", "trixie"),
      Map.entry("14", "forky"),
      Map.entry("15", "duke"));

  private DebianReleases() {}

  /** The codename of Debian major release {@code major} ("12" -> "bookworm"), or null if unknown. */
  public static String codename(String major) {
    return major == null ? null : CODENAMES.get(major);
  }

  /** The leading run of digits of {@code version} ("12.4+deb12u5" -> "12"), or null if it has none. */
  public static String major(String version) {
    if (version == null) {
      return null;
    }
    int i = 0;
    while (i < version.length() && Character.isDigit(version.charAt(i))) {
      i++;
    }
    return i == 0 ? null : version.substring(0, i);
  }
}
