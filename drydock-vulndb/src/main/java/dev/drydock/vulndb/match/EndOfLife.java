package dev.drydock.vulndb.match;

import dev.drydock.model.OsInfo;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** End of security support of distribution releases. */
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

  /** A release and the day its support ended (or ends). */
  record Release(String family, String version, LocalDate end, String link) {}

  /** The release of {@code os} when it is in the table. */
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
    return Optional.empty();
  }
}
