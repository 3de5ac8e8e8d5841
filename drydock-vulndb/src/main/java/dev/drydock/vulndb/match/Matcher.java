package dev.drydock.vulndb.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Cvss;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvSeverity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches an inventory against advisories in the OSV model.
 *
 * <p>Which advisories a package can match (no CPE guessing): Maven {@code group:artifact} in
 * {@code Maven}, npm {@code @scope/name} in {@code npm}, PyPI (PEP 503 names) in {@code PyPI}, Go module
 * paths (and the toolchain as {@code stdlib}) in {@code Go}, RubyGems, crates.io, NuGet, Packagist
 * {@code vendor/name}; Debian packages by source package and source version in {@code Debian:<major>}
 * when the OS is Debian; Alpine packages by origin in {@code Alpine:v<major.minor>} when the OS is
 * Alpine. OS packages only ever match their distribution's advisories, language packages only their
 * ecosystem's. Ubuntu packages by source package and version in {@code Ubuntu:<YY.MM>[:LTS]} (Ubuntu's OSV:
 * USN and UBUNTU-CVE records, merged under the CVE; ESM / Pro-only fixes noted as such); RHEL / UBI rpms by
 * source rpm (modular ones as {@code <module>:<stream>/<source rpm>}) and epoch:version-release in
 * {@code Red Hat:enterprise_linux:<major>} (Red Hat's CSAF VEX, imported by {@code RedHatCsafImporter}; the
 * vendor's not-affected suppresses (listed by {@link #matchAll} with the vendor's reason), will-not-fix /
 * out-of-support / deferred are reported as such; EUS / AUS / E4S / TUS images by their stream first); SUSE Linux
 * Enterprise / openSUSE Leap rpms by binary rpm name in {@code SUSE:Linux Enterprise 15 SP3} / {@code openSUSE:Leap
 * 15.5} (SUSE's CSAF VEX, {@code SuseCsafImporter}). AlmaLinux rpms by binary package name in
 * {@code AlmaLinux:<major>}, Rocky Linux rpms by source rpm in {@code Rocky Linux:<major>} (the vendors' OSV errata),
 * Oracle Linux rpms by binary name (modules as {@code <module>:<stream>/<name>}) in {@code Oracle Linux:<major>}
 * (ELSA OVAL, {@code OracleOvalImporter}); one finding per CVE, see {@link Rebuilds}. Amazon Linux rpms by
 * binary name in {@code Amazon Linux:<release>} (ALAS). Other rpm distributions (CentOS, Fedora) are not matched:
 * their packages are reported not checked.
 *
 * <p>Findings: one per (vulnerability, package), advisories that share an id or alias merged (primary id
 * the CVE when any). Distribution statuses come from {@code affected[].ecosystem_specific.status}. An
 * installed version the scheme cannot order gives status NOT_COMPARABLE. A Debian or Alpine release past
 * its end of support adds one finding {@code DRYDOCK-EOL-<family>-<version>}. Findings carry CVSS,
 * EPSS/KEV enrichment and a risk score ({@link RiskScore}) and are sorted by risk, severity, id.
 */
public final class Matcher {

  private static final Set<String> LOG4SHELL = Set.of("CVE-2021-44228", "CVE-2021-45046");
  private static final Comparator<Vulnerability> ORDER = Comparator
      .comparingDouble(Vulnerability::riskScore).reversed()
      .thenComparing(Comparator.comparing(Vulnerability::severity).reversed())
      .thenComparing(Vulnerability::id)
      .thenComparing(v -> v.packageName() == null ? "" : v.packageName())
      .thenComparing(v -> v.purl() == null ? "" : v.purl());

  /**
   * Every known vulnerability of {@code packages}.
   *
   * @param os the target's OS (null when unknown: OS packages then match nothing)
   * @param now the time of the scan, for end-of-life checks
   */
  public List<Vulnerability> match(List<InstalledPackage> packages, OsInfo os, AdvisorySource source,
      Instant now) {
    return matchAll(packages, os, source, now).findings();
  }

  /**
   * What matching found.
   *
   * @param findings every known vulnerability, as {@link #match} returns them
   * @param vendorNotAffected packages a distribution's own advisory names as not affected by a vulnerability
   *     (Red Hat CSAF VEX {@code known_not_affected}) and that no other advisory finds affected: the finding it
   *     would be (status {@code MITIGATED}, the vendor's statement as {@code mitigation}), for the report's
   *     suppressed findings
   */
  public record Outcome(List<Vulnerability> findings, List<VendorStatement> vendorNotAffected) {
    public Outcome {
      findings = List.copyOf(findings);
      vendorNotAffected = List.copyOf(vendorNotAffected);
    }
  }

  /**
   * A finding the distribution's own statement suppresses.
   *
   * @param finding the finding
   * @param by {@code vendor:<feed>} ({@code vendor:redhat})
   * @param reason {@code vendor: not affected (Red Hat CSAF VEX)}, then the vendor's justification when it gives
   *     one ({@code : vulnerable_code_not_present})
   */
  public record VendorStatement(Vulnerability finding, String by, String reason) {}

  /** {@link #match}, with the findings the vendors' "not affected" statements suppress. */
  public Outcome matchAll(List<InstalledPackage> packages, OsInfo os, AdvisorySource source, Instant now) {
    // the packages' queries grouped by ecosystem and name: one batched lookup per ecosystem and chunk of names
    Map<String, Map<String, List<Job>>> byEcosystem = new LinkedHashMap<>();
    for (InstalledPackage ip : packages) {
      if (!Coverages.judgeable(ip)) {
        continue;
      }
      PackageQuery.of(ip, os).ifPresent(q -> byEcosystem.computeIfAbsent(q.ecosystem(), k -> new LinkedHashMap<>())
          .computeIfAbsent(q.name(), k -> new ArrayList<>()).add(new Job(ip, q)));
    }
    List<Vulnerability> out = new ArrayList<>();
    List<VendorStatement> notAffected = new ArrayList<>();
    // an RHEL image of an EUS / AUS / E4S / TUS stream (its content manifests say so): that stream's data first
    List<String> streams = os == null ? List.of() : PackageQuery.redHatStreams(os);
    for (Map.Entry<String, Map<String, List<Job>>> eco : byEcosystem.entrySet()) {
      List<String> names = new ArrayList<>(eco.getValue().keySet());
      List<String> xus = eco.getKey().startsWith("Red Hat:enterprise_linux:") ? streams : List.of();
      // an Ubuntu LTS release: its Ubuntu Pro (ESM) records too
      String pro = PackageQuery.ubuntuProEcosystem(eco.getKey());
      List<String> extra = pro == null ? xus : List.of(pro);
      // a bounded chunk of names at a time: the decoded records of a chunk are all that is held
      for (int from = 0; from < names.size(); from += NAMES_PER_LOOKUP) {
        List<String> chunk = names.subList(from, Math.min(names.size(), from + NAMES_PER_LOOKUP));
        Map<String, List<OsvRecord>> found = new java.util.HashMap<>(source.advisories(eco.getKey(), chunk));
        for (String stream : extra) {
          source.advisories(stream, chunk).forEach((n, recs) -> found.merge(n, recs, (a, b) -> {
            List<OsvRecord> all = new ArrayList<>(a);
            Set<String> seen = new java.util.HashSet<>();
            a.forEach(r -> seen.add(r.id()));
            b.stream().filter(r -> seen.add(r.id())).forEach(all::add);
            return all;
          }));
        }
        List<Job> jobs = new ArrayList<>();
        for (String n : chunk) {
          jobs.addAll(eco.getValue().get(n));
        }
        // packages are independent: match them on every core; order is restored below
        List<One> ones = jobs.parallelStream()
            .map(j -> matchOne(j.ip(), j.q(), xus, pro, found.getOrDefault(j.q().name(), List.of()), source))
            .toList();
        for (One one : ones) {
          out.addAll(one.found());
          notAffected.addAll(one.notAffected());
        }
      }
    }
    endOfLife(os, now, source).ifPresent(out::add);
    out.sort(ORDER);
    notAffected.sort(Comparator.comparing(VendorStatement::finding, ORDER));
    return new Outcome(out, notAffected);
  }

  /** Names of one ecosystem looked up at once. */
  private static final int NAMES_PER_LOOKUP = 512;

  private record Job(InstalledPackage ip, PackageQuery q) {}

  /** The findings of one package, and what its vendor says it is not affected by. */
  private record One(List<Vulnerability> found, List<VendorStatement> notAffected) {}

  private One matchOne(InstalledPackage ip, PackageQuery q, List<String> xus, String pro, List<OsvRecord> records,
      AdvisorySource source) {
    Map<String, Partial> byId = new LinkedHashMap<>();
    Map<String, Partial> notAffectedById = new LinkedHashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    boolean rebuild = Rebuilds.applies(q);
    for (OsvRecord r : records) {
      if (r.id() == null || r.withdrawn() != null || !seen.add(r.id())) {
        continue;
      }
      // a rebuild's erratum stands for one record per CVE (Rebuilds); every other record for itself
      for (OsvRecord rec : rebuild ? Rebuilds.expand(r, ip) : List.of(ubuntuAliases(r))) {
        String key = r.id() + "\u0000" + rec.id();
        Partial p = null;
        // Red Hat's advice for xUS images: the stream's own entries when it has any for the package (fixed there,
        // or already fixed), else the main stream's (unfixed issues name only the major release)
        List<PackageQuery> inStream = xus.stream().map(q::in).filter(x -> names(rec, x)).toList();
        for (PackageQuery x : inStream) {
          p = p != null ? p : judge(rec, x);
        }
        if (inStream.isEmpty()) {
          p = judge(rec, q);
        }
        if (pro != null) {
          // the same LTS release under Ubuntu Pro: the stronger verdict of the two (a fix first)
          Partial esm = judge(rec, q.in(pro));
          p = p == null || (esm != null && rank(esm.status()) < rank(p.status())) ? esm : p;
        }
        if (p != null) {
          byId.put(key, p);
        } else {
          Partial na = vendorNotAffected(rec, q);
          if (na != null) {
            notAffectedById.putIfAbsent(key, na);
          }
        }
      }
    }
    List<Vulnerability> out = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    List<Partial> partials = new ArrayList<>(byId.values());
    for (List<Partial> group : rebuild ? Rebuilds.byId(partials) : AliasGroups.group(partials)) {
      Vulnerability v = merge(ip, q, group, source);
      out.add(v);
      ids.add(v.id());
      ids.addAll(v.aliases());
    }
    List<VendorStatement> notAffected = new ArrayList<>();
    for (Partial na : notAffectedById.values()) {
      if (ids.contains(na.record().id()) || na.record().aliases().stream().anyMatch(ids::contains)) {
        continue; // another advisory finds it affected: that finding stands
      }
      Vulnerability v = merge(ip, q, new ArrayList<>(List.of(na)), source);
      String reason = "vendor: not affected (" + vendorName(na.source()) + ")"
          + (na.note() == null ? "" : ": " + na.note());
      notAffected.add(new VendorStatement(withMitigation(v, reason), "vendor:" + na.source(), reason));
    }
    return new One(out, notAffected);
  }

  /** Whether an affected entry of {@code r} names the package of {@code q} (in {@code q}'s ecosystem). */
  private static boolean names(OsvRecord r, PackageQuery q) {
    return r.affected().stream().anyMatch(a -> a.pkg() != null && q.names(a.pkg().ecosystem(), a.pkg().name()));
  }

  /**
   * The package as a distribution's own advisory names it not affected ({@code ecosystem_specific.status}
   * {@code not_affected}: Red Hat's and SUSE's CSAF VEX): a partial with status {@code MITIGATED} and the vendor's
   * justification as note; null otherwise.
   */
  private static Partial vendorNotAffected(OsvRecord r, PackageQuery q) {
    String feed = feed(r, q);
    if (!"redhat".equals(feed) && !"suse".equals(feed)) {
      return null;
    }
    boolean named = false;
    String justification = null;
    String urgency = null;
    List<Cvss> cvss = new ArrayList<>();
    for (OsvSeverity s : r.severity()) {
      CvssScores.score(s, r.id()).ifPresent(cvss::add);
    }
    for (OsvAffected a : r.affected()) {
      if (a.pkg() == null || !q.names(a.pkg().ecosystem(), a.pkg().name())
          || !"not_affected".equals(text(a.ecosystemSpecific(), "status"))) {
        continue;
      }
      named = true;
      justification = justification != null ? justification : text(a.ecosystemSpecific(), "justification");
      urgency = urgency != null ? urgency : text(a.ecosystemSpecific(), "urgency");
    }
    return named ? new Partial(r, Status.MITIGATED, List.of(), justification, urgency, feed, cvss) : null;
  }

  private static String vendorName(String feed) {
    return switch (feed) {
      case "redhat" -> "Red Hat CSAF VEX";
      case "suse" -> "SUSE CSAF VEX";
      default -> feed;
    };
  }

  private static Vulnerability withMitigation(Vulnerability v, String mitigation) {
    return new Vulnerability(v.id(), v.aliases(), v.purl(), v.ecosystem(), v.packageName(), v.installedVersion(),
        v.fixedVersions(), v.status(), v.severity(), v.cvss(), v.vendorSeverity(), v.epss(), v.epssPercentile(),
        v.kev(), v.kevDueDate(), v.riskScore(), v.title(), v.published(), v.layerIndex(), v.layerDiffId(),
        v.createdBy(), v.locations(), v.links(), v.sources(), null, mitigation);
  }

  /** The verdict of one advisory, or null when it does not affect the package. */
  private static Partial judge(OsvRecord r, PackageQuery q) {
    Status status = null;
    Set<String> fixed = new LinkedHashSet<>();
    String note = null;
    String urgency = null;
    List<Cvss> cvss = new ArrayList<>();
    String feed = feed(r, q);
    boolean matched = false;
    for (OsvSeverity s : r.severity()) {
      CvssScores.score(s, r.id()).ifPresent(cvss::add);
    }
    for (OsvAffected a : r.affected()) {
      if (a.pkg() == null || !q.names(a.pkg().ecosystem(), a.pkg().name())) {
        continue;
      }
      RangeCheck.Verdict v = RangeCheck.evaluate(a, q);
      String distro = text(a.ecosystemSpecific(), "status");
      Status s = status(v, distro);
      if (s == null) {
        continue;
      }
      matched = true;
      for (OsvSeverity sev : a.severity()) {
        CvssScores.score(sev, r.id()).ifPresent(cvss::add);
      }
      fixed.addAll(v.fixed());
      note = note != null ? note : text(a.ecosystemSpecific(), "note");
      note = note != null ? note : ubuntuPro(a, v.fixed());
      urgency = urgency != null ? urgency : text(a.ecosystemSpecific(), "urgency");
      urgency = urgency != null ? urgency : text(a.ecosystemSpecific(), "ubuntu_priority");
      status = status == null || rank(s) < rank(status) ? s : status;
    }
    if (!matched) {
      return null;
    }
    if (urgency == null && feed.equals("ubuntu")) {
      // Ubuntu's OSV schema 1.7 records give the Ubuntu priority as a severity of type "Ubuntu"
      urgency = r.severity().stream().filter(x -> "Ubuntu".equals(x.type())).map(OsvSeverity::score)
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
    return new Partial(r, status, List.copyOf(fixed), note, urgency, feed, cvss);
  }

  /** Status of one affected entry, null when it does not apply. */
  private static Status status(RangeCheck.Verdict v, String distro) {
    if ("not_affected".equals(distro)) {
      return null;
    }
    if (v.kind() == RangeCheck.Kind.NOT_COMPARABLE) {
      return Status.NOT_COMPARABLE;
    }
    boolean inRange = v.kind() == RangeCheck.Kind.AFFECTED;
    if (distro == null) {
      return !inRange ? null : v.fixed().isEmpty() ? Status.AFFECTED : Status.FIXED;
    }
    // a distribution entry without ranges applies to every version of the package
    boolean applies = inRange || !v.hasRanges();
    if (!applies) {
      return null;
    }
    return switch (distro) {
      case "fixed" -> inRange && !v.fixed().isEmpty() ? Status.FIXED : null;
      case "will_not_fix" -> Status.WILL_NOT_FIX;
      case "end_of_life" -> Status.END_OF_LIFE;
      default -> Status.AFFECTED; // open, deferred (Red Hat; the note says so), undetermined, anything new
    };
  }

  /** Lower is stronger when merging statuses. */
  private static int rank(Status s) {
    return switch (s) {
      case FIXED -> 0;
      case AFFECTED -> 1;
      case WILL_NOT_FIX -> 2;
      case END_OF_LIFE -> 3;
      case MITIGATED -> 4;
      case NOT_COMPARABLE -> 5;
    };
  }

  private Vulnerability merge(InstalledPackage ip, PackageQuery q, List<Partial> group, AdvisorySource source) {
    group.sort(Comparator.comparing((Partial p) -> p.record().id()));
    Set<String> ids = new java.util.TreeSet<>();
    Set<String> fixed = new LinkedHashSet<>();
    Set<String> links = new LinkedHashSet<>();
    Set<String> sources = new java.util.TreeSet<>();
    Set<String> notes = new LinkedHashSet<>();
    Map<String, Cvss> cvssByVector = new LinkedHashMap<>();
    Status status = null;
    String title = null;
    String published = null;
    String urgency = null;
    String ghsaSeverity = null;
    for (Partial p : group) {
      OsvRecord r = p.record();
      ids.add(r.id());
      ids.addAll(r.aliases());
      fixed.addAll(p.fixed());
      r.references().forEach(ref -> {
        if (ref.url() != null) {
          links.add(ref.url());
        }
      });
      sources.add(p.source());
      if (p.note() != null) {
        notes.add(p.note());
      }
      p.cvss().forEach(c -> cvssByVector.putIfAbsent(c.vector(), c));
      status = status == null || rank(p.status()) < rank(status) ? p.status() : status;
      if (title == null) {
        title = title(r);
      }
      if (r.published() != null && (published == null || r.published().compareTo(published) < 0)) {
        published = r.published();
      }
      urgency = urgency != null ? urgency : p.urgency();
      ghsaSeverity = ghsaSeverity != null ? ghsaSeverity : text(r.databaseSpecific(), "severity");
    }
    String id = ids.stream().filter(s -> s.startsWith("CVE-")).findFirst().orElse(group.get(0).record().id());
    List<String> aliases = ids.stream().filter(s -> !s.equals(id)).toList();
    List<Cvss> cvss = new ArrayList<>(cvssByVector.values());
    cvss.sort(CvssScores.NEWEST_FIRST);
    Severity severity;
    Double baseScore = null;
    if (!cvss.isEmpty()) {
      baseScore = cvss.get(0).score();
      severity = CvssScores.rating(cvss.get(0));
    } else if (Severity.parse(ghsaSeverity) != Severity.UNKNOWN) {
      severity = Severity.parse(ghsaSeverity);
    } else {
      severity = Severity.parse(urgency == null ? null : urgency.replace("*", ""));
    }
    List<String> cves = new ArrayList<>();
    cves.add(id);
    cves.addAll(aliases);
    cves.removeIf(s -> !s.startsWith("CVE-"));
    AdvisorySource.Kev kev = null;
    AdvisorySource.Epss epss = null;
    for (String cve : cves) {
      if (kev == null) {
        kev = source.kev(cve).orElse(null);
      }
      AdvisorySource.Epss e = source.epss(cve).orElse(null);
      if (e != null && (epss == null || e.score() > epss.score())) {
        epss = e;
      }
    }
    String mitigation = null;
    if (status != Status.NOT_COMPARABLE && isLog4jCore(ip) && "absent".equals(ip.pkg().attribute("log4jJndiLookup"))
        && (LOG4SHELL.contains(id) || aliases.stream().anyMatch(LOG4SHELL::contains))) {
      status = Status.MITIGATED;
      String where = ip.pkg().location() != null ? ip.pkg().location()
          : ip.locations().isEmpty() ? "the jar" : ip.locations().get(0);
      mitigation = "JndiLookup.class removed from " + where;
    }
    List<String> sortedFixed = sortVersions(fixed, q);
    Double epssScore = epss == null ? null : epss.score();
    double risk = RiskScore.of(baseScore, severity, epssScore, kev != null, status);
    return new Vulnerability(id, aliases, ip.purl(), ip.pkg().ecosystem(), q.name(), ip.pkg().version(),
        sortedFixed, status, severity, cvss, urgency, epssScore, epss == null ? null : epss.percentile(),
        kev != null, kev == null ? null : kev.dueDate(), risk, title, published, ip.layerIndex(),
        ip.layerDiffId(), ip.createdBy(), ip.locations(), List.copyOf(links), List.copyOf(sources),
        notes.isEmpty() ? null : String.join("; ", notes), mitigation);
  }

  private static boolean isLog4jCore(InstalledPackage ip) {
    return ip.pkg().ecosystem() == Ecosystem.MAVEN && "org.apache.logging.log4j".equals(ip.pkg().namespace())
        && "log4j-core".equals(ip.pkg().name());
  }

  private static List<String> sortVersions(Set<String> versions, PackageQuery q) {
    List<String> list = new ArrayList<>(versions);
    try {
      list.sort((a, b) -> q.scheme().compare(q.ecosystemForm(a), q.ecosystemForm(b)));
    } catch (RuntimeException e) {
      list.sort(Comparator.naturalOrder()); // SEMVER-only versions the ecosystem scheme rejects
    }
    return List.copyOf(list);
  }

  private static String title(OsvRecord r) {
    if (r.summary() != null && !r.summary().isBlank()) {
      return r.summary().strip();
    }
    if (r.details() != null && !r.details().isBlank()) {
      String first = r.details().strip().lines().findFirst().orElse("");
      return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
    return null;
  }

  private static String feed(OsvRecord r, PackageQuery q) {
    if (q.ecosystem().startsWith("Debian:")) {
      return "debian";
    }
    if (q.ecosystem().startsWith("Alpine:")) {
      return "alpine";
    }
    if (q.ecosystem().equals("Wolfi") || q.ecosystem().equals("Chainguard")) {
      return q.ecosystem().toLowerCase(java.util.Locale.ROOT);
    }
    if (q.ecosystem().startsWith("Red Hat:")) {
      return "redhat";
    }
    if (q.ecosystem().startsWith("Ubuntu:")) {
      return "ubuntu";
    }
    if (q.ecosystem().startsWith("AlmaLinux:")) {
      return "almalinux";
    }
    if (q.ecosystem().startsWith("Rocky Linux:")) {
      return "rocky";
    }
    if (q.ecosystem().startsWith("Oracle Linux:")) {
      return "oracle";
    }
    if (q.ecosystem().startsWith("SUSE:") || q.ecosystem().startsWith("openSUSE:")) {
      return "suse";
    }
    if (q.ecosystem().startsWith("Photon OS:")) {
      return "photon";
    }
    int dash = r.id().indexOf('-');
    String prefix = dash > 0 ? r.id().substring(0, dash) : r.id();
    return "osv:" + switch (prefix) {
      case "PYSEC" -> "PyPA";
      case "GO" -> "Go";
      default -> prefix;
    };
  }

  /**
   * An Ubuntu CVE record ({@code UBUNTU-CVE-2024-6387}) names the CVE and its USNs only in {@code related}: they
   * are taken as aliases, so the CVE record and the USN merge into one finding under the CVE id.
   */
  private static OsvRecord ubuntuAliases(OsvRecord r) {
    if (r.id() == null || !r.id().startsWith("UBUNTU-CVE-") || r.related().isEmpty()) {
      return r;
    }
    List<String> aliases = new ArrayList<>(r.aliases());
    r.related().stream().filter(x -> x.startsWith("CVE-") || x.startsWith("USN-")).forEach(aliases::add);
    return new OsvRecord(r.schemaVersion(), r.id(), r.modified(), r.published(), r.withdrawn(), aliases,
        r.related(), r.summary(), r.details(), r.severity(), r.affected(), r.references(), r.databaseSpecific());
  }

  /**
   * "fixed in Ubuntu Pro (ESM)" when the fix of an Ubuntu entry is an ESM build ({@code +esm} in the version) or
   * Ubuntu says it needs a subscription ({@code ecosystem_specific.availability}); null otherwise.
   */
  private static String ubuntuPro(OsvAffected a, List<String> fixed) {
    if (a.pkg() == null || a.pkg().ecosystem() == null || !a.pkg().ecosystem().startsWith("Ubuntu:")) {
      return null;
    }
    String availability = text(a.ecosystemSpecific(), "availability");
    boolean esm = !fixed.isEmpty() && a.pkg().ecosystem().startsWith("Ubuntu:Pro:") // an ESM-only entry's fix
        || fixed.stream().anyMatch(f -> f.contains("+esm"));
    if (esm || (availability != null && !availability.startsWith("No subscription"))) {
      return "fix available only with Ubuntu Pro (ESM)" + (availability == null ? "" : ": " + availability);
    }
    return null;
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }

  private static java.util.Optional<Vulnerability> endOfLife(OsInfo os, Instant now, AdvisorySource source) {
    return EndOfLife.of(os, source)
        .filter(r -> now.isAfter(r.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
        .map(r -> {
          Severity severity = Severity.HIGH;
          double risk = RiskScore.of(null, severity, null, false, Status.END_OF_LIFE);
          Ecosystem eco = switch (r.family()) {
            case "alpine" -> Ecosystem.APK;
            case "debian", "ubuntu" -> Ecosystem.DEB;
            default -> Ecosystem.RPM;
          };
          String offer = switch (r.family()) {
            case "ubuntu" -> "Ubuntu Pro ESM";
            case "rhel" -> "ELS";
            case "sles" -> "LTSS";
            default -> "extended support";
          };
          String paid = r.extended() == null ? "" : r.extended().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))
              ? " (paid extended support, " + offer + ", runs to " + r.extended() + ")"
              : "";
          boolean stored = !EndOfLife.BUILT_IN.equals(r.origin());
          return new Vulnerability("DRYDOCK-EOL-" + r.family() + "-" + r.version(), List.of(),
              "pkg:generic/" + r.family() + "@" + r.version(), eco, r.family(), os.versionId(), List.of(),
              Status.END_OF_LIFE, severity, List.of(), null, null, null, false, null, risk,
              r.family() + " " + r.version() + " reached end of life on " + r.end()
                  + "; it receives no security updates" + paid
                  + (stored ? " (date: endoflife.date, store source " + r.origin() + ")" : ""),
              null, -1, null, null, os.source() == null ? List.of() : List.of(os.source()),
              r.link() == null ? List.of() : List.of(r.link()), List.of(stored ? r.origin() : "drydock"), null, null);
        });
  }

}
