package dev.drydock.vulndb.match;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.InstalledPackage;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.osv.OsvRecord.OsvAffected;
import dev.drydock.vulndb.osv.OsvRecord.OsvEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the records of the RHEL rebuilds (AlmaLinux's ALSA-…, Rocky Linux's RLSA-… OSV errata; Oracle's ELSA-… from
 * its OVAL, see {@link #oracle}) are read for one installed package.
 *
 * <p>AlmaLinux and Rocky publish one record per erratum: the erratum id, the CVEs it fixes in {@code related} (older
 * AlmaLinux records: {@code aliases}; newer Rocky records: {@code upstream}, read with {@code related}), and one
 * {@code affected[]} entry per package: per <em>binary</em> rpm for AlmaLinux, per <em>source</em> rpm for Rocky
 * Linux ({@link PackageQuery} picks the name). Module builds carry no stream in the package name; the stream is only
 * in the erratum's title ({@code "Moderate: mariadb:10.3 security, bug fix, and enhancement update"}).
 *
 * <ul>
 *   <li>Only security errata count: bug fix and enhancement errata (ALBA/ALEA, RLBA/RLEA) are skipped.</li>
 *   <li>An erratum becomes one record per CVE (id the CVE, the erratum as alias), so findings are per CVE as for
 *       RHEL; two errata that fix the same CVE become one finding.</li>
 *   <li>An entry whose fixed version is a module build ({@code .module_el8…}, {@code .module+el8…}) applies only
 *       to a module build of a stream the title names; a plain entry only to a plain build.</li>
 *   <li>The erratum's severity word (the title's {@code Low:}, {@code Moderate:}, {@code Important:},
 *       {@code Critical:}) is the finding's vendor severity; it is the erratum's, the highest of its CVEs.</li>
 * </ul>
 */
final class Rebuilds {
  private static final Pattern SEVERITY = Pattern.compile("^(Low|Moderate|Important|Critical):\\s");
  private static final Pattern STREAM = Pattern.compile(
      "(?<![A-Za-z0-9_.+:-])([A-Za-z0-9][A-Za-z0-9_.+-]*):([A-Za-z0-9][A-Za-z0-9_.+-]*)");

  private Rebuilds() {}

  /** Whether {@code q} asks a rebuild's data (AlmaLinux, Rocky Linux, Oracle Linux). */
  static boolean applies(PackageQuery q) {
    return q.ecosystem().startsWith("AlmaLinux:") || q.ecosystem().startsWith("Rocky Linux:")
        || q.ecosystem().startsWith("Oracle Linux:");
  }

  /** Whether an rpm {@code [epoch:]version-release} is a module build. */
  static boolean isModuleBuild(String evr) {
    return evr != null && (evr.contains(".module_el") || evr.contains(".module+el"));
  }

  /**
   * The records erratum {@code r} stands for when judging {@code ip}: none for a non-security erratum, else one per
   * CVE (or the erratum itself when it names no CVE), each with only the entries that fit the package's build.
   */
  static List<OsvRecord> expand(OsvRecord r, InstalledPackage ip) {
    String id = r.id();
    if (id == null || !(id.startsWith("ALSA-") || id.startsWith("RLSA-") || id.startsWith("ELSA-"))) {
      return List.of();
    }
    if (id.startsWith("ELSA-")) {
      return oracle(r, ip);
    }
    String installedStream = PackageQuery.moduleStream(ip.pkg().attribute("modularitylabel"));
    boolean installedModule = isModuleBuild(ip.pkg().version());
    Set<String> streams = streams(r.summary());
    String severity = severity(r.summary());
    List<OsvAffected> kept = new ArrayList<>();
    for (OsvAffected a : r.affected()) {
      boolean module = a.ranges().stream().flatMap(x -> x.events().stream()).anyMatch(Rebuilds::moduleEvent)
          || a.versions().stream().anyMatch(Rebuilds::isModuleBuild);
      if (module != installedModule || (module && (installedStream == null || !streams.contains(installedStream)))) {
        continue;
      }
      kept.add(severity == null || a.ecosystemSpecific() != null ? a : withUrgency(a, severity));
    }
    if (kept.isEmpty()) {
      return List.of();
    }
    Set<String> cves = new LinkedHashSet<>();
    for (String s : concat(r.aliases(), r.related())) {
      if (s.startsWith("CVE-")) {
        cves.add(s);
      }
    }
    if (cves.isEmpty()) {
      return List.of(copy(r, id, r.aliases(), kept));
    }
    List<OsvRecord> out = new ArrayList<>();
    for (String cve : cves) {
      out.add(copy(r, cve, List.of(id), kept));
    }
    return out;
  }

  /**
   * Oracle's ELSA records (OracleOvalImporter): module packages are already named {@code <module>:<stream>/<name>};
   * an entry for one system architecture ({@code ecosystem_specific.arch}) applies to packages of that architecture,
   * and to {@code noarch} (or unknown) packages whatever the entry's architecture; a Ksplice userspace entry (its
   * fixed version a {@code ksplice} build) only to ksplice builds, and other entries only to other builds.
   */
  private static List<OsvRecord> oracle(OsvRecord r, InstalledPackage ip) {
    String arch = ip.pkg().arch();
    boolean any = arch == null || arch.isEmpty() || arch.equals("noarch");
    boolean ksplice = ip.pkg().version() != null && ip.pkg().version().contains("ksplice");
    List<OsvAffected> kept = new ArrayList<>();
    for (OsvAffected a : r.affected()) {
      com.fasterxml.jackson.databind.JsonNode entryArch = a.ecosystemSpecific() == null ? null
          : a.ecosystemSpecific().get("arch");
      // Ksplice userspace errata fix ksplice builds (2:2.39-121.0.1.ksplice1.el10_2): they say nothing of plain builds
      boolean kspliceEntry = a.ranges().stream().flatMap(x -> x.events().stream())
          .anyMatch(e -> e.fixed() != null && e.fixed().contains("ksplice"));
      if ((any || entryArch == null || entryArch.asText().equals(arch)) && kspliceEntry == ksplice) {
        kept.add(a);
      }
    }
    if (kept.isEmpty()) {
      return List.of();
    }
    List<String> cves = concat(r.aliases(), r.related()).stream().filter(s -> s.startsWith("CVE-")).distinct()
        .toList();
    if (cves.isEmpty()) {
      return List.of(copy(r, r.id(), r.aliases(), kept));
    }
    List<OsvRecord> out = new ArrayList<>();
    for (String cve : cves) {
      out.add(copy(r, cve, List.of(r.id()), kept));
    }
    return out;
  }

  /** Partials grouped by their record's id (the CVE): one finding per CVE, whatever erratum it came from. */
  static List<List<Partial>> byId(List<Partial> partials) {
    Map<String, List<Partial>> out = new LinkedHashMap<>();
    for (Partial p : partials) {
      out.computeIfAbsent(p.record().id(), k -> new ArrayList<>()).add(p);
    }
    return new ArrayList<>(out.values());
  }

  /** Module streams ({@code mariadb:10.3}) an erratum's title names. */
  static Set<String> streams(String summary) {
    Set<String> out = new LinkedHashSet<>();
    if (summary == null) {
      return out;
    }
    java.util.regex.Matcher m = STREAM.matcher(summary);
    while (m.find()) {
      out.add(m.group(1) + ":" + m.group(2));
    }
    return out;
  }

  /** {@code Moderate} of {@code "Moderate: openssl security update"}; null without a severity word. */
  static String severity(String summary) {
    if (summary == null) {
      return null;
    }
    java.util.regex.Matcher m = SEVERITY.matcher(summary);
    return m.find() ? m.group(1) : null;
  }

  private static boolean moduleEvent(OsvEvent e) {
    return isModuleBuild(e.fixed()) || isModuleBuild(e.introduced()) || isModuleBuild(e.lastAffected());
  }

  private static OsvAffected withUrgency(OsvAffected a, String severity) {
    ObjectNode specific = JsonNodeFactory.instance.objectNode().put("urgency", severity);
    return new OsvAffected(a.pkg(), a.ranges(), a.versions(), specific, a.databaseSpecific(), a.severity());
  }

  private static OsvRecord copy(OsvRecord r, String id, List<String> aliases, List<OsvAffected> affected) {
    return new OsvRecord(r.schemaVersion(), id, r.modified(), r.published(), r.withdrawn(), aliases, r.related(),
        r.summary(), r.details(), r.severity(), affected, r.references(), r.databaseSpecific());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
