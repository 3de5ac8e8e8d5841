package dev.drydock.report;

import dev.drydock.model.Finding;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** What the report formats say alike about findings (of any kind, or vulnerabilities). */
public final class Findings {
  /** The severities counted in summaries, highest first ({@code NONE} counts as {@code LOW}). */
  public static final List<Severity> SUMMARY_ORDER =
      List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN);

  private Findings() {}

  /** Findings per severity, with every key of {@link #SUMMARY_ORDER} present. */
  public static Map<Severity, Integer> countBySeverity(List<? extends Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    SUMMARY_ORDER.forEach(s -> counts.put(s, 0));
    for (Finding f : findings) {
      counts.merge(summarySeverity(f), 1, Integer::sum);
    }
    return counts;
  }

  /** The finding's severity as summaries count it: null is UNKNOWN, NONE is LOW. */
  public static Severity summarySeverity(Finding f) {
    if (f.severity() == null) {
      return Severity.UNKNOWN;
    }
    return f.severity() == Severity.NONE ? Severity.LOW : f.severity();
  }

  /** The highest CVSS base score of the finding, if any. */
  public static OptionalDouble highestScore(Vulnerability v) {
    return v.cvss().stream().mapToDouble(Vulnerability.Cvss::score).max();
  }

  /**
   * One line: {@code <pkg> <installed> is affected by <id> (<severity>); fixed in <versions>} or
   * {@code ...; no fix yet}, followed by why no fix comes for the statuses that say so.
   */
  public static String message(Vulnerability v) {
    StringBuilder text = new StringBuilder()
        .append(v.packageName()).append(' ').append(v.installedVersion() == null ? "" : v.installedVersion())
        .append(" is affected by ").append(v.id())
        .append(" (").append(summarySeverity(v)).append(')');
    if (v.fixedVersions().isEmpty()) {
      text.append("; no fix yet");
    } else {
      text.append("; fixed in ").append(String.join(", ", v.fixedVersions()));
    }
    String why = statusNote(v);
    if (why != null) {
      text.append(" (").append(why).append(')');
    }
    return text.toString().replaceAll("\\s+", " ").strip();
  }

  /** Why a finding will not be fixed or does not apply; null for {@code FIXED} and {@code AFFECTED}. */
  public static String statusNote(Vulnerability v) {
    if (v.status() == null) {
      return null;
    }
    return switch (v.status()) {
      case WILL_NOT_FIX -> "the distribution will not fix it" + (v.note() == null ? "" : ": " + v.note());
      case END_OF_LIFE -> "the distribution release is end of life";
      case NOT_COMPARABLE -> "the installed version could not be compared with the advisory";
      case MITIGATED -> "mitigated" + (v.mitigation() == null ? "" : ": " + v.mitigation());
      case FIXED, AFFECTED -> null;
    };
  }

  /** The status as lower-case words: {@code will not fix}, {@code end of life}, ... */
  public static String statusName(Vulnerability.Status status) {
    return status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * Where the finding's package is declared: the finding's own locations, else those of the installed
   * packages with its purl, else none.
   */
  public static List<String> locations(Vulnerability v, ScanResult result) {
    if (!v.locations().isEmpty()) {
      return v.locations();
    }
    for (InstalledPackage p : result.packages()) {
      if (p.purl() != null && p.purl().equals(v.purl())) {
        if (!p.locations().isEmpty()) {
          return p.locations();
        }
        if (p.pkg().location() != null) {
          return List.of(p.pkg().location());
        }
      }
    }
    return List.of();
  }
}
