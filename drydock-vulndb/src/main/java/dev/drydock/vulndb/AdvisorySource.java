package dev.drydock.vulndb;

import dev.drydock.model.AdvisoryData;
import dev.drydock.vulndb.osv.OsvRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where matching reads advisories from: the SQLite store in production ({@code VulnStore}), a list of
 * real feed records in tests. Implementations are thread-safe.
 */
public interface AdvisorySource {

  /**
   * Every advisory with an {@code affected[]} entry for package {@code name} in {@code ecosystem}
   * (OSV ecosystem names: {@code Maven}, {@code npm}, {@code PyPI}, {@code Go}, {@code RubyGems},
   * {@code crates.io}, {@code NuGet}, {@code Packagist}, {@code Debian:12}, {@code Alpine:v3.18}, ...).
   * Names compare as the ecosystem does (PyPI names normalised per PEP 503, others exactly).
   */
  List<OsvRecord> advisories(String ecosystem, String name);

  /**
   * {@link #advisories(String, String)} for many packages of one ecosystem at once, by name as given (every name
   * has an entry, empty when nothing names it). Implementations answer it with a few queries instead of one per
   * name; this default asks name by name.
   */
  default Map<String, List<OsvRecord>> advisories(String ecosystem, java.util.Collection<String> names) {
    Map<String, List<OsvRecord>> out = new java.util.LinkedHashMap<>();
    for (String n : names) {
      out.computeIfAbsent(n, k -> advisories(ecosystem, k));
    }
    return out;
  }

  /** CISA KEV entry of a CVE. */
  Optional<Kev> kev(String cve);

  /** FIRST EPSS score of a CVE. */
  Optional<Epss> epss(String cve);

  /**
   * When free security support of OS release {@code release} of {@code family} ends, as an imported source says
   * (os-release {@code ID} and the release as drydock reads it: {@code ubuntu 22.04}, {@code rhel 9},
   * {@code debian 12}); empty when no source names the release. Matching falls back to drydock's built-in table.
   */
  default Optional<EndOfLifeEntry> endOfLife(String family, String release) {
    return Optional.empty();
  }

  /**
   * Every source the advisories came from, with what it holds: an empty list for an empty store. Coverage
   * ({@code match.Coverages}) decides from it which package families the data can judge.
   */
  List<Source> sources();

  /**
   * One imported source.
   *
   * @param data name, data date, import date, record count and digest, as results record them
   * @param contents records per OSV ecosystem the source's advisories name in {@code affected[]}
   *     ({@code Debian:12}, {@code Alpine:v3.19}, {@code npm}, ...) and per {@code kev} / {@code epss}
   */
  record Source(AdvisoryData data, Map<String, Long> contents) {
    public Source {
      contents = Map.copyOf(contents);
    }
  }

  /** A CISA Known Exploited Vulnerabilities entry. */
  record Kev(String cve, String dateAdded, String dueDate, boolean knownRansomwareUse, String vendorProject,
      String product, String requiredAction) {}

  /**
   * The support dates of one OS release.
   *
   * @param end the day free security support ends (ISO date), null when no end is announced
   * @param extended the day paid extended support ends (Ubuntu Pro ESM, RHEL ELS, SUSE LTSS), null when none
   * @param link where the dates are published
   * @param source the store source the entry came from
   */
  record EndOfLifeEntry(String family, String release, String end, String extended, String link, String source) {}

  /** A FIRST EPSS score. */
  record Epss(String cve, double score, double percentile, String date) {}
}
