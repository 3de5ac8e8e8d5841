package dev.drydock.vulndb.match;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.store.DataDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which package families of a target the advisory data can judge, and which data a match rests on.
 *
 * <p>A family is an operating system release for OS packages ({@code debian 12}, {@code alpine 3.19},
 * {@code ubuntu 22.04}, {@code rhel 9.3}; {@code unknown OS (deb)} when the release is not known) and the purl
 * type for language packages ({@code maven}, {@code npm}, {@code pypi}, ...). A family is checked when drydock
 * can match its packages ({@link PackageQuery}: Debian and Alpine releases, the language ecosystems) and some
 * source in the store holds advisories naming its OSV ecosystem ({@code Debian:12}, {@code Alpine:v3.19},
 * {@code Maven}, ...); otherwise it is "not checked": its packages have no findings because nothing could
 * find them. Language packages that lack what their ecosystem is matched by (a Maven jar without a groupId)
 * do not make their family unchecked; they are listed in a warning.
 *
 * <p>With no advisories at all in the store (or no store) and no packages, one family {@code *} says that
 * nothing could be checked.
 */
public final class Coverages {

  /** The family name of a result matched with no advisory data and no packages. */
  public static final String ANY = "*";

  private Coverages() {}

  /**
   * What one match rests on.
   *
   * @param data the sources consulted: those holding advisories for one of the target's families, and those
   *     holding KEV or EPSS data
   * @param coverage one entry per family, OS families first
   * @param warnings one line per family not checked, per source older than the age limit, and per language
   *     family with packages that cannot be matched
   */
  public record Outcome(List<AdvisoryData> data, List<Coverage> coverage, List<String> warnings) {
    public Outcome {
      data = List.copyOf(data);
      coverage = List.copyOf(coverage);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Coverage of {@code packages} by the data in {@code source}.
   *
   * @param maxAgeDays data whose day (data date, else import date, UTC) is this many days before
   *     {@code now}'s day or more is warned about
   */
  public static Outcome of(List<InstalledPackage> packages, OsInfo os, AdvisorySource source, Instant now,
      int maxAgeDays) {
    List<AdvisorySource.Source> sources = source.sources();
    Set<String> held = new LinkedHashSet<>();
    sources.forEach(s -> held.addAll(s.contents().keySet()));
    new ArrayList<>(held).stream().filter(e -> e.matches("Ubuntu:Pro:\\d{2}\\.\\d{2}:LTS"))
        .forEach(e -> held.add("Ubuntu:" + e.substring("Ubuntu:Pro:".length()))); // an LTS release's ESM data
    List<Family> families = families(packages, os);
    List<Coverage> coverage = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> queried = new LinkedHashSet<>();
    for (Family f : families) {
      queried.addAll(f.ecosystems);
      f.ecosystems.stream().map(PackageQuery::ubuntuProEcosystem).filter(java.util.Objects::nonNull).forEach(queried::add);
      coverage.add(judge(f, held, null));
      unmatchable(f).ifPresent(warnings::add);
    }
    boolean anyAdvisories = held.stream().anyMatch(c -> !c.equals("kev") && !c.equals("epss"));
    if (packages.isEmpty() && !anyAdvisories) {
      coverage.add(new Coverage(ANY, 0, false, "no advisory data in the vulnerability store: nothing was checked"));
    }
    List<AdvisoryData> consulted = new ArrayList<>();
    for (AdvisorySource.Source s : sources) {
      if (s.contents().keySet().stream().anyMatch(c -> queried.contains(c) || c.equals("kev") || c.equals("epss"))) {
        consulted.add(s.data());
      }
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (AdvisoryData d : consulted) {
      LocalDate day = day(d);
      if (day == null) {
        warnings.add("advisory data " + d.source() + " has no data or import date: its age is unknown");
      } else if (stale(day, today, maxAgeDays)) {
        long days = ChronoUnit.DAYS.between(day, today);
        warnings.add("advisory data " + d.source() + " is " + days + " days old (" + (d.dataDate() != null
            ? "data date " : "imported on ") + day + "; the limit is " + maxAgeDays + " days): update it with"
            + " 'drydock db update' or 'drydock db import'");
      }
    }
    return new Outcome(consulted, coverage, order(warnings, coverage));
  }

  /** Coverage when there is no vulnerability store at all: every family, and {@code *}, not checked. */
  public static Outcome withoutStore(List<InstalledPackage> packages, OsInfo os) {
    List<Coverage> coverage = new ArrayList<>();
    for (Family f : families(packages, os)) {
      coverage.add(judge(f, Set.of(), "no vulnerability store"));
    }
    if (packages.isEmpty()) {
      coverage.add(new Coverage(ANY, 0, false, "no vulnerability store: nothing was checked"));
    }
    return new Outcome(List.of(), coverage, coverage.stream().map(Coverage::reason).toList());
  }

  /** The day {@code d} is from: its data date, else its import date (UTC); null when neither is known. */
  public static LocalDate day(AdvisoryData d) {
    Instant at = DataDates.parse(d.dataDate());
    at = at != null ? at : DataDates.parse(d.importedAt());
    return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /**
   * Whether data from {@code day} is too old on {@code today}: {@code maxAgeDays} days or more before it (the
   * gate's {@code older-than-days} rule: with 7, data 7 days old is stale, 6 days old is not).
   */
  public static boolean stale(LocalDate day, LocalDate today, int maxAgeDays) {
    return !day.isAfter(today.minusDays(maxAgeDays));
  }

  /** Not-checked lines first, in coverage order, then the rest as they came. */
  private static List<String> order(List<String> warnings, List<Coverage> coverage) {
    List<String> out = new ArrayList<>();
    coverage.stream().filter(c -> !c.checked()).map(Coverage::reason).forEach(out::add);
    for (String w : warnings) {
      if (!out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** One family of packages and the OSV ecosystems its packages are matched in. */
  private static final class Family {
    final String name;
    final boolean os;
    final boolean knownRelease;
    final Set<String> ecosystems = new LinkedHashSet<>();
    final List<InstalledPackage> unmatchable = new ArrayList<>();
    int packages;
    boolean versionUnknown;

    Family(String name, boolean os, boolean knownRelease) {
      this.name = name;
      this.os = os;
      this.knownRelease = knownRelease;
    }
  }

  private static List<Family> families(List<InstalledPackage> packages, OsInfo os) {
    Map<String, Family> byName = new TreeMap<>();
    for (InstalledPackage ip : packages) {
      Ecosystem eco = ip.pkg().ecosystem();
      if (isProject(ip)) {
        continue; // the scanned project itself, not a dependency: not matched, not counted
      }
      if (!eco.isOs() && !hasVersion(ip)) {
        // a declared dependency whose version could not be resolved offline: nothing can judge it
        Family u = byName.computeIfAbsent(eco.purlType() + " (version unknown)", n -> new Family(n, false, true));
        u.packages++;
        u.versionUnknown = true;
        continue;
      }
      String name = eco.isOs() ? osFamily(os, eco) : eco.purlType();
      Family f = byName.computeIfAbsent(name, n -> new Family(n, eco.isOs(), !n.startsWith("unknown OS")
          && !n.endsWith("(release unknown)")));
      f.packages++;
      Optional<PackageQuery> q = PackageQuery.of(ip, os);
      if (q.isPresent()) {
        f.ecosystems.add(q.get().ecosystem());
      } else {
        f.unmatchable.add(ip);
      }
    }
    List<Family> out = new ArrayList<>(byName.values());
    out.sort(Comparator.comparing((Family f) -> !f.os).thenComparing(f -> f.name));
    return out;
  }

  /** {@code debian 12}, {@code alpine 3.19}, {@code ubuntu 22.04}; the release as the matcher reads it. */
  static String osFamily(OsInfo os, Ecosystem eco) {
    if (os == null || os.family() == null || os.family().isBlank()) {
      return "unknown OS (" + eco.purlType() + ")";
    }
    String family = os.family().toLowerCase(Locale.ROOT);
    String v = os.versionId();
    if (v == null || v.isBlank()) {
      return family + " (release unknown)";
    }
    String[] parts = v.split("[._]");
    if (family.equals("debian")) {
      return family + " " + parts[0];
    }
    if (family.equals("alpine") && parts.length >= 2) {
      return family + " " + parts[0] + "." + parts[1];
    }
    return family + " " + v;
  }

  private static Coverage judge(Family f, Set<String> held, String noStore) {
    if (f.versionUnknown) {
      return new Coverage(f.name, f.packages, false, f.packages + (f.packages == 1 ? " package" : " packages")
          + " of " + f.name.replace(" (version unknown)", "") + " with no resolvable version: not checked (the"
          + " version is managed elsewhere or written as an expression; see versionUnresolved)");
    }
    boolean matchable = f.unmatchable.isEmpty() && !f.ecosystems.isEmpty();
    boolean hasData = !f.ecosystems.isEmpty() && held.containsAll(f.ecosystems);
    if (f.os) {
      if (matchable && hasData) {
        return new Coverage(f.name, f.packages, true, null);
      }
      int notChecked = hasData ? f.unmatchable.size() : f.packages;
      String why = noStore != null ? " (" + noStore + ")"
          : !f.knownRelease ? " (the OS release could not be determined)"
          : f.ecosystems.isEmpty() ? " (drydock matches Debian, Alpine, Ubuntu, RHEL/UBI, SUSE/openSUSE Leap,"
              + " AlmaLinux, Rocky Linux, Oracle Linux, Photon OS, Wolfi and Amazon Linux packages only)"
          : "";
      return new Coverage(f.name, f.packages, false, reason(f.name, notChecked) + why);
    }
    if (hasData) {
      return new Coverage(f.name, f.packages, true, null); // packages without coordinates: a warning
    }
    String why = noStore != null ? " (" + noStore + ")"
        : f.ecosystems.isEmpty() ? " (no package has the coordinates advisories name)" : "";
    return new Coverage(f.name, f.packages, false, reason(f.name, f.packages) + why);
  }

  /**
   * Whether matching can judge {@code ip}: not the scanned project itself (attribute {@code project}: a
   * project named like a public package must not take that package's advisories), and for a language
   * package, a version to compare. Packages failing this are never matched; versionless ones are reported
   * not checked.
   */
  public static boolean judgeable(InstalledPackage ip) {
    return !isProject(ip) && (ip.pkg().ecosystem().isOs() || hasVersion(ip));
  }

  private static boolean isProject(InstalledPackage ip) {
    return ip.pkg().attribute("project") != null;
  }

  private static boolean hasVersion(InstalledPackage ip) {
    String v = ip.pkg().version();
    return v != null && !v.isBlank();
  }

  private static String reason(String family, int n) {
    return "no advisory data for " + family + ": " + n + (n == 1 ? " package" : " packages") + " not checked";
  }

  private static Optional<String> unmatchable(Family f) {
    if (f.os || f.unmatchable.isEmpty() || f.ecosystems.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = f.unmatchable.stream().limit(5)
        .map(ip -> ip.pkg().name() + (ip.pkg().version() == null ? "" : "@" + ip.pkg().version())).toList();
    int n = f.unmatchable.size();
    return Optional.of(f.name + ": " + n + (n == 1 ? " package" : " packages") + " cannot be matched (no "
        + (f.name.equals("maven") ? "groupId" : "namespace") + "): " + String.join(", ", names)
        + (n > names.size() ? ", ..." : ""));
  }
}
