package dev.drydock.vulndb.suppress;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code --severity} and {@code --ignore-unfixed} filters of {@code drydock scan}: severity applies to every
 * finding kind, fix status to vulnerabilities.
 */
public final class Filters {
  private Filters() {}

  private static final Set<Vulnerability.Status> UNFIXED = EnumSet.of(
      Vulnerability.Status.AFFECTED, Vulnerability.Status.WILL_NOT_FIX, Vulnerability.Status.END_OF_LIFE);

  /** Parses {@code LOW,MEDIUM} (any case, spaces allowed); an unknown or empty value is an error. */
  public static Set<Severity> severities(String csv) {
    String valid = Arrays.stream(Severity.values()).map(Enum::name).collect(Collectors.joining(","));
    if (csv == null || csv.isBlank()) {
      throw new DrydockException("--severity: no severity given (expected a comma-separated list of "
          + valid + ")");
    }
    EnumSet<Severity> out = EnumSet.noneOf(Severity.class);
    for (String part : csv.split(",", -1)) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      try {
        out.add(Severity.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new DrydockException("--severity: unknown severity '" + part.strip() + "' (expected one of "
            + valid + ")");
      }
    }
    return out;
  }

  /**
   * The findings whose severity is in {@code severities} (null or empty: every severity), without those
   * that have no fix ({@code AFFECTED}, {@code WILL_NOT_FIX}, {@code END_OF_LIFE}) when
   * {@code ignoreUnfixed}. Order is kept.
   */
  public static List<Vulnerability> apply(List<Vulnerability> findings, Set<Severity> severities,
      boolean ignoreUnfixed) {
    return findings.stream()
        .filter(v -> severities == null || severities.isEmpty() || severities.contains(v.severity()))
        .filter(v -> !ignoreUnfixed || !UNFIXED.contains(v.status()))
        .toList();
  }

  /**
   * The findings (misconfigurations, secrets) whose severity is in {@code severities} (null or empty: every
   * severity; a finding without one counts as {@code UNKNOWN}). Order is kept.
   */
  public static <T> List<T> bySeverity(List<T> findings, Function<T, Severity> severity, Set<Severity> severities) {
    if (severities == null || severities.isEmpty()) {
      return findings;
    }
    return findings.stream().filter(f -> severities.contains(severity.apply(f) == null ? Severity.UNKNOWN
        : severity.apply(f))).toList();
  }
}
