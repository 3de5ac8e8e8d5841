package dev.drydock.vulndb.match;

import dev.drydock.model.OsInfo;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * End of security support of distribution releases: what the store's endoflife.date source says
 * ({@code AdvisorySource.endOfLife}, refreshed by {@code db update} and shipped with the store), else the tables
 * below, which are drydock's built-in fallback of the day it was built.
 */
final class EndOfLife {
  private EndOfLife() {}

  /** Debian: end of LTS (wiki.debian.org/LTS), after which no security updates are published. */
  private static final Map<String, LocalDate> DEBIAN = Map.of(
      "8", LocalDate.of(2020, 6, 30),
      "9", LocalDate.of(2022, 6, 30),
      "10", LocalDate.of(2024, 6, 30),
      "11", LocalDate.of(2026, 8, 31),
      "12", LocalDate.of(2028, 6, 30));

  /**
   * Alpine: "end of support" per branch as listed on https://alpinelinux.org/releases/. Not read from
   * that page directly (unavailable here): v3.7-v3.13 as transcribed by endoflife.date
   * (tools/alpinelinux.md), v3.13-v3.21 as cited from alpinelinux.org/releases in a public lifecycle
   * table (sbomify), v3.22/v3.23 from a summary of the same page; the overlapping entries agree.
   */
  private static final Map<String, LocalDate> ALPINE = Map.ofEntries(
      Map.entry("3.7", LocalDate.of(2019, 11, 1)),
      Map.entry("3.8", LocalDate.of(2020, 5, 1)),
      Map.entry("3.9", LocalDate.of(2021, 1, 1)),
      Map.entry("3.10", LocalDate.of(2021, 5, 1)),
      Map.entry("3.11", LocalDate.of(2021, 11, 1)),
      Map.entry("3.12", LocalDate.of(2022, 5, 1)),
      Map.entry("3.13", LocalDate.of(2022, 11, 1)),
      Map.entry("3.14", LocalDate.of(2023, 5, 1)),
      Map.entry("3.15", LocalDate.of(2023, 11, 1)),
      Map.entry("3.16", LocalDate.of(2024, 5, 23)),
      Map.entry("3.17", LocalDate.of(2024, 11, 22)),
      Map.entry("3.18", LocalDate.of(2025, 5, 9)),
      Map.entry("3.19", LocalDate.of(2025, 11, 1)),
      Map.entry("3.20", LocalDate.of(2026, 4, 1)),
      Map.entry("3.21", LocalDate.of(2026, 11, 1)),
      Map.entry("3.22", LocalDate.of(2027, 5, 1)),
      Map.entry("3.23", LocalDate.of(2027, 11, 1)));

  /**
   * Ubuntu: end of standard security maintenance ("eol") and, for LTS releases, end of Expanded Security
   * Maintenance (Ubuntu Pro, "eoes"), from endoflife.date's products/ubuntu.md (endoflife-date/endoflife.date @
   * 021ca13a8cdf35edeabd84c7d61347145fce95c3, MIT; its source: https://wiki.ubuntu.com/Releases), 14.04 on.
   */
  private static final Map<String, LocalDate[]> UBUNTU = Map.ofEntries(
      Map.entry("14.04", dates("2019-04-02", "2024-04-02")),
      Map.entry("16.04", dates("2021-04-02", "2026-04-02")),
      Map.entry("18.04", dates("2023-05-31", "2028-04-01")),
      Map.entry("20.04", dates("2025-05-31", "2030-04-02")),
      Map.entry("20.10", dates("2021-07-22", null)),
      Map.entry("21.04", dates("2022-01-20", null)),
      Map.entry("21.10", dates("2022-07-14", null)),
      Map.entry("22.04", dates("2027-04-01", "2032-04-09")),
      Map.entry("22.10", dates("2023-07-20", null)),
      Map.entry("23.04", dates("2024-01-20", null)),
      Map.entry("23.10", dates("2024-07-12", null)),
      Map.entry("24.04", dates("2029-05-31", "2036-05-31")),
      Map.entry("24.10", dates("2025-07-10", null)),
      Map.entry("25.04", dates("2026-01-17", null)),
      Map.entry("25.10", dates("2026-07-01", null)),
      Map.entry("26.04", dates("2031-04-30", "2036-04-30")));

  /**
   * RHEL: end of Maintenance Support and of the paid Extended Life Cycle Support add-on, from endoflife.date's
   * products/rhel.md (endoflife-date/endoflife.date @ 06362a04e8e4651d11beae8da0e8ab2bdc369502, MIT; its source:
   * https://access.redhat.com/support/policy/updates/errata).
   */
  private static final Map<String, LocalDate[]> RHEL = Map.of(
      "6", dates("2020-11-30", "2024-06-30"),
      "7", dates("2024-06-30", "2028-06-30"),
      "8", dates("2029-05-31", "2032-05-31"),
      "9", dates("2032-05-31", "2035-05-31"));

  private static LocalDate[] dates(String end, String extended) {
    return new LocalDate[] {LocalDate.parse(end), extended == null ? null : LocalDate.parse(extended)};
  }

  /**
   * A release and the day its support ended (or ends).
   *
   * @param extended the end of paid extended support (Ubuntu Pro ESM, RHEL ELS), null when there is none
   */
  record Release(String family, String version, LocalDate end, String link, LocalDate extended, String origin) {
    Release(String family, String version, LocalDate end, String link, LocalDate extended) {
      this(family, version, end, link, extended, BUILT_IN);
    }

    Release(String family, String version, LocalDate end, String link) {
      this(family, version, end, link, null, BUILT_IN);
    }
  }

  /** The origin of a date from the tables of this class. */
  static final String BUILT_IN = "drydock";

  /**
   * The release of {@code os}: from {@code source} when one of its sources names the release (the whole
   * {@code VERSION_ID}, then major.minor, then major; a release there without an end date has none), else from the
   * built-in tables.
   */
  static Optional<Release> of(OsInfo os, dev.drydock.vulndb.AdvisorySource source) {
    if (os == null || os.family() == null || os.versionId() == null || source == null) {
      return of(os);
    }
    String[] parts = os.versionId().split("[._]");
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
    keys.add(os.versionId());
    if (parts.length >= 2) {
      keys.add(parts[0] + "." + parts[1]);
    }
    keys.add(parts[0]);
    for (String key : keys) {
      Optional<dev.drydock.vulndb.AdvisorySource.EndOfLifeEntry> e = source.endOfLife(os.family(), key);
      if (e.isPresent()) {
        var entry = e.get();
        if (entry.end() == null) {
          return Optional.empty(); // the maintained source announces no end for this release
        }
        return Optional.of(new Release(os.family(), key, LocalDate.parse(entry.end()), entry.link(),
            entry.extended() == null ? null : LocalDate.parse(entry.extended()), entry.source()));
      }
    }
    return of(os);
  }

  /** The release of {@code os} when it is in the built-in tables. */
  static Optional<Release> of(OsInfo os) {
    if (os == null || os.family() == null || os.versionId() == null) {
      return Optional.empty();
    }
    String[] parts = os.versionId().split("[._]");
    if ("debian".equals(os.family())) {
      return Optional.ofNullable(DEBIAN.get(parts[0]))
          .map(d -> new Release("debian", parts[0], d, "https://wiki.debian.org/LTS"));
    }
    if ("alpine".equals(os.family()) && parts.length >= 2) {
      String branch = parts[0] + "." + parts[1];
      return Optional.ofNullable(ALPINE.get(branch))
          .map(d -> new Release("alpine", branch, d, "https://alpinelinux.org/releases/"));
    }
    if ("ubuntu".equals(os.family()) && parts.length >= 2) {
      String release = parts[0] + "." + parts[1];
      return Optional.ofNullable(UBUNTU.get(release))
          .map(d -> new Release("ubuntu", release, d[0], "https://wiki.ubuntu.com/Releases", d[1]));
    }
    if ("rhel".equals(os.family())) {
      return Optional.ofNullable(RHEL.get(parts[0])).map(d -> new Release("rhel", parts[0], d[0],
          "https://access.redhat.com/support/policy/updates/errata", d[1]));
    }
    return Optional.empty();
  }
}
