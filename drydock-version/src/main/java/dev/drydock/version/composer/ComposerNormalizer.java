package dev.drydock.version.composer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Composer's version normalisation, for single versions that are not named branches. */
final class ComposerNormalizer {
  private ComposerNormalizer() {}

  /** Stability suffix: name, optional number parts, optional dev marker (groups 1-3). */
  private static final String MODIFIER =
      "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";

  private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
  private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:stable|RC|beta|alpha|dev)$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern BUILD_METADATA = Pattern.compile("^([^,\\s+]++)\\+[^\\s]++$");
  private static final Pattern CLASSICAL = Pattern.compile(
      "^v?(\\d{1,5})(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE = Pattern.compile(
      "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DEV_SUFFIX = Pattern.compile("^(.*?)[.-]?dev$", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMERIC_BRANCH = Pattern.compile(
      "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);

  /** The normalised version, or null when Composer rejects it or it names a branch. */
  static String normalize(String raw) {
    String version = phpTrim(raw);
    Matcher alias = ALIAS.matcher(version);
    if (alias.matches()) {
      version = alias.group(1);
    }
    Matcher flag = STABILITY_FLAG.matcher(version);
    if (flag.find()) {
      version = version.substring(0, flag.start());
    }
    if (version.equals("master") || version.equals("trunk") || version.equals("default")
        || version.regionMatches(true, 0, "dev-", 0, 4)) {
      return null;
    }
    Matcher build = BUILD_METADATA.matcher(version);
    if (build.matches()) {
      version = build.group(1);
    }
    Matcher m = CLASSICAL.matcher(version);
    if (m.matches()) {
      String base = m.group(1) + orZero(m.group(2)) + orZero(m.group(3)) + orZero(m.group(4));
      return withModifiers(base, m, 5);
    }
    m = DATE.matcher(version);
    if (m.matches()) {
      return withModifiers(m.group(1).replaceAll("\\D", "."), m, 2);
    }
    Matcher dev = DEV_SUFFIX.matcher(version);
    if (dev.matches()) {
      return numericBranch(phpTrim(dev.group(1)));
    }
    return null;
  }

  private static String orZero(String part) {
    return part == null || part.isEmpty() ? ".0" : part;
  }

  private static String withModifiers(String base, Matcher m, int index) {
    String version = base;
    String stability = m.group(index);
    if (stability != null && !stability.isEmpty()) {
      if (stability.equals("stable")) {
        return version;
      }
      String number = m.group(index + 1);
      version += "-" + expand(stability) + (number == null ? "" : stripLeading(number, ".-"));
    }
    String devMarker = m.group(index + 2);
    if (devMarker != null && !devMarker.isEmpty()) {
      version += "-dev";
    }
    return version;
  }

  private static String expand(String stability) {
    String s = stability.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "a" -> "alpha";
      case "b" -> "beta";
      case "p", "pl" -> "patch";
      case "rc" -> "RC";
      default -> s;
    };
  }

  /** {@code 1.x}, {@code 2.1.*}: the branch sorts as its highest version, with 9999999 for each x. */
  private static String numericBranch(String name) {
    Matcher m = NUMERIC_BRANCH.matcher(name);
    if (!m.matches()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(m.group(1));
    for (int i = 2; i <= 4; i++) {
      sb.append(m.group(i) == null ? ".x" : m.group(i).replace('*', 'x').replace('X', 'x'));
    }
    return sb.toString().replace("x", "9999999") + "-dev";
  }

  private static String stripLeading(String s, String chars) {
    int i = 0;
    while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return s.substring(i);
  }

  /** PHP's trim(): space, tab, newline, carriage return, NUL and vertical tab. */
  private static String phpTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && " \t\n\r\0\u000b".indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && " \t\n\r\0\u000b".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }
}
