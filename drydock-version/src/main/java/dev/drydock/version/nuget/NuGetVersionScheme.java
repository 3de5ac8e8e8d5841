package dev.drydock.version.nuget;

import dev.drydock.version.InvalidVersionException;
import dev.drydock.version.VersionScheme;
import java.util.Locale;

/**
 * NuGet versions as {@code NuGetVersion.Parse} reads them and {@code VersionComparer.Default} orders them:
 * one to four numeric parts (missing ones are 0, so {@code 1.0 == 1.0.0 == 1.0.0.0}), an optional
 * {@code -} release label (dot-separated identifiers of {@code [0-9A-Za-z-]}, compared case-insensitively,
 * numeric identifiers numerically and below alphanumeric ones), and {@code +} metadata that is ignored.
 */
public final class NuGetVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "nuget";
  }

  @Override
  public boolean isValid(String version) {
    return version != null && NuGetVersion.parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    return require(a).compareTo(require(b));
  }

  private NuGetVersion require(String version) {
    NuGetVersion v = version == null ? null : NuGetVersion.parse(version);
    if (v == null) {
      throw new InvalidVersionException(name(), version);
    }
    return v;
  }

  /** A parsed version: four numbers and the release labels (empty for a release). */
  record NuGetVersion(long[] numbers, String[] labels) implements Comparable<NuGetVersion> {

    static NuGetVersion parse(String raw) {
      String s = raw.strip();
      if (s.isEmpty()) {
        return null;
      }
      int dash = s.indexOf('-');
      int plus = s.indexOf('+');
      int versionEnd = firstOf(dash, plus, s.length());
      long[] numbers = parseNumbers(s.substring(0, versionEnd));
      if (numbers == null) {
        return null;
      }
      String[] labels = new String[0];
      if (versionEnd < s.length() && s.charAt(versionEnd) == '-') {
        int labelEnd = plus < 0 ? s.length() : plus;
        labels = s.substring(versionEnd + 1, labelEnd).split("\\.", -1);
        for (String label : labels) {
          if (!isValidIdentifier(label, false)) {
            return null;
          }
        }
      }
      if (plus >= 0) {
        for (String part : s.substring(plus + 1).split("\\.", -1)) {
          if (!isValidIdentifier(part, true)) {
            return null;
          }
        }
      }
      return new NuGetVersion(numbers, labels);
    }

    private static int firstOf(int a, int b, int none) {
      if (a < 0) {
        return b < 0 ? none : b;
      }
      return b < 0 ? a : Math.min(a, b);
    }

    /** One to four dot-separated decimal numbers, each at most 2^31-1 (a .NET int). */
    private static long[] parseNumbers(String part) {
      String[] parts = part.split("\\.", -1);
      if (parts.length > 4) {
        return null;
      }
      long[] numbers = new long[4];
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        if (p.isEmpty() || !allDigits(p)) {
          return null;
        }
        String digits = p.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
          return null;
        }
        numbers[i] = Long.parseLong(digits);
      }
      return numbers;
    }

    private static boolean isValidIdentifier(String s, boolean allowLeadingZeros) {
      if (s.isEmpty()) {
        return false;
      }
      if (!allowLeadingZeros && s.length() > 1 && s.charAt(0) == '0' && allDigits(s)) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    private static boolean allDigits(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    @Override
    public int compareTo(NuGetVersion o) {
      for (int i = 0; i < 4; i++) {
        int c = Long.compare(numbers[i], o.numbers[i]);
        if (c != 0) {
          return c;
        }
      }
      if (labels.length == 0 || o.labels.length == 0) {
        // a release sorts above its pre-releases
        return Boolean.compare(labels.length == 0, o.labels.length == 0);
      }
      int n = Math.min(labels.length, o.labels.length);
      for (int i = 0; i < n; i++) {
        int c = compareLabel(labels[i], o.labels[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(labels.length, o.labels.length);
    }

    /**
     * A label that reads as a .NET int (optionally signed, as {@code int.TryParse} allows) is numeric and
     * sorts below any other; other labels compare ordinally ignoring case.
     */
    private static int compareLabel(String a, String b) {
      Long x = asInt(a);
      Long y = asInt(b);
      if (x != null && y != null) {
        return Long.compare(x, y);
      }
      if (x != null || y != null) {
        return x != null ? -1 : 1;
      }
      return a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT));
    }

    private static Long asInt(String s) {
      String digits = s.startsWith("-") ? s.substring(1) : s;
      if (digits.isEmpty() || !allDigits(digits)) {
        return null;
      }
      String trimmed = digits.replaceFirst("^0+(?=.)", "");
      if (trimmed.length() > 10) {
        return null;
      }
      long value = Long.parseLong(trimmed) * (s.startsWith("-") ? -1 : 1);
      return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NuGetVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
      return java.util.Arrays.toString(numbers) + String.join(".", labels);
    }
  }
}
