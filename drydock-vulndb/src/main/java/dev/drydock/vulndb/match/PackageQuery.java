package dev.drydock.vulndb.match;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.version.VersionScheme;
import dev.drydock.version.VersionSchemes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to ask the advisory source for one installed package: the OSV ecosystem, the name as the feed
 * spells it, and the version to compare.
 *
 * @param ecosystem OSV ecosystem name ({@code Maven}, {@code Debian:12}, ...)
 * @param name package name as OSV names it
 * @param version the version to evaluate against ranges (the source version for OS packages)
 * @param scheme the ecosystem's version scheme (used for ECOSYSTEM ranges)
 * @param go whether ECOSYSTEM versions need Go's leading {@code v}
 */
record PackageQuery(String ecosystem, String name, String version, VersionScheme scheme, boolean go) {

  static final VersionScheme SEMVER = VersionSchemes.byName("npm")
      .orElseThrow(() -> new IllegalStateException("npm version scheme not registered"));

  /** The query for {@code ip}, or empty when drydock does not match this kind of package (yet). */
  static Optional<PackageQuery> of(InstalledPackage ip, OsInfo os) {
    Package p = ip.pkg();
    String ns = p.namespace() == null || p.namespace().isEmpty() ? null : p.namespace();
    String v = p.version() == null ? "" : p.version();
    VersionScheme scheme = VersionSchemes.of(p.ecosystem());
    return switch (p.ecosystem()) {
      case MAVEN -> ns == null ? Optional.empty()
          : Optional.of(new PackageQuery("Maven", ns + ":" + p.name(), v, scheme, false));
      case NPM -> Optional.of(new PackageQuery("npm",
          ns == null ? p.name() : (ns.startsWith("@") ? ns : "@" + ns) + "/" + p.name(), v, scheme, false));
      case PYPI -> Optional.of(new PackageQuery("PyPI", pep503(p.name()), v, scheme, false));
      case GOLANG -> {
        String name = ns == null ? p.name() : ns + "/" + p.name();
        String version = v;
        if ("stdlib".equals(name)) {
          version = version.startsWith("go") ? version.substring(2) : version;
        }
        yield Optional.of(new PackageQuery("Go", name, withV(version), scheme, true));
      }
      case GEM -> Optional.of(new PackageQuery("RubyGems", p.name(), v, scheme, false));
      case CARGO -> Optional.of(new PackageQuery("crates.io", p.name(), v, scheme, false));
      case NUGET -> Optional.of(new PackageQuery("NuGet", p.name(), v, scheme, false));
      case COMPOSER -> ns == null ? Optional.empty()
          : Optional.of(new PackageQuery("Packagist", ns + "/" + p.name(), v, scheme, false));
      case DEB -> {
        if (os == null || os.versionId() == null) {
          yield Optional.empty();
        }
        if ("ubuntu".equals(os.family())) {
          String eco = ubuntuEcosystem(os.versionId());
          yield eco == null ? Optional.empty()
              : Optional.of(new PackageQuery(eco, sourceName(p), sourceVersion(p), scheme, false));
        }
        if (!"debian".equals(os.family())) {
          yield Optional.empty();
        }
        String major = os.versionId().split("\\.", 2)[0];
        yield Optional.of(new PackageQuery("Debian:" + major, sourceName(p), sourceVersion(p), scheme, false));
      }
      case APK -> {
        if (os != null && ("wolfi".equals(os.family()) || "chainguard".equals(os.family()))) {
          // rolling distributions: one ecosystem, packages by origin as in Alpine
          yield Optional.of(new PackageQuery("wolfi".equals(os.family()) ? "Wolfi" : "Chainguard", sourceName(p),
              sourceVersion(p), scheme, false));
        }
        if (os == null || !"alpine".equals(os.family()) || os.versionId() == null) {
          yield Optional.empty();
        }
        String[] parts = os.versionId().split("[._]");
        if (parts.length < 2) {
          yield Optional.empty();
        }
        yield Optional.of(new PackageQuery("Alpine:v" + parts[0] + "." + parts[1], sourceName(p),
            sourceVersion(p), scheme, false));
      }
      case RPM -> {
        String rebuild = rebuildEcosystem(os);
        if (rebuild != null) {
          // AlmaLinux names binary rpms, Rocky Linux source rpms; a module build is judged by its stream (Rebuilds),
          // so needs its label
          String name = rebuild.startsWith("Rocky Linux:") ? sourceName(p) : p.name();
          String stream = moduleStream(p.attribute("modularitylabel"));
          if (rebuild.startsWith("Oracle Linux:") && stream != null) {
            name = stream + "/" + name; // Oracle's OVAL names a module's packages by its "Module x:y is enabled"
          }
          yield Rebuilds.isModuleBuild(v) && stream == null ? Optional.empty()
              : Optional.of(new PackageQuery(rebuild, name, v, scheme, false));
        }
        if (os != null && "amzn".equals(os.family())) {
          // ALAS lists the fixed binary packages: Amazon Linux is matched by binary name and full [epoch:]version-release
          String amazon = amazonEcosystem(os.versionId());
          yield amazon == null ? Optional.empty() : Optional.of(new PackageQuery(amazon, p.name(), v, scheme, false));
        }
        String suse = os == null ? null : dev.drydock.vulndb.feed.suse.SuseProducts.imageEcosystem(os.family(), os.versionId());
        if (suse != null) {
          // SUSE names packages by binary rpm; SUSE builds carry no epoch, but keep it when present
          yield Optional.of(new PackageQuery(suse, p.name(), v, scheme, false));
        }
        if (os != null && "photon".equals(os.family())) {
          // Photon OS: its CVE metadata names the spec (source rpm) package; VERSION_ID 5.0 -> Photon OS:5.0
          String release = photonRelease(os.versionId());
          yield release == null ? Optional.empty()
              : Optional.of(new PackageQuery("Photon OS:" + release, sourceName(p), v, scheme, false));
        }
        String eco = redHatEcosystem(os);
        if (eco == null) {
          yield Optional.empty();
        }
        // Red Hat names packages by source rpm; a module's packages as <module>:<stream>/<source rpm>
        String module = moduleStream(p.attribute("modularitylabel"));
        if (module == null && v.contains(".module+")) {
          yield Optional.empty(); // a module build without its label: its stream is unknown, so it is not checked
        }
        String name = module == null ? sourceName(p) : module + "/" + sourceName(p);
        yield Optional.of(new PackageQuery(eco, name, v, scheme, false));
      }
    };
  }

  /**
   * The OSV ecosystem of Ubuntu release {@code versionId}: {@code Ubuntu:22.04:LTS} for long-term releases (April
   * releases of even years), {@code Ubuntu:23.10} otherwise; null when the version is not {@code YY.MM}.
   */
  static String ubuntuEcosystem(String versionId) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{2})\\.(\\d{2})").matcher(versionId);
    if (!m.find()) {
      return null;
    }
    boolean lts = m.group(2).equals("04") && Integer.parseInt(m.group(1)) % 2 == 0;
    return "Ubuntu:" + m.group(1) + "." + m.group(2) + (lts ? ":LTS" : "");
  }

  /**
   * {@code Ubuntu:Pro:22.04:LTS} for {@code Ubuntu:22.04:LTS}: where Ubuntu's OSV data puts the fixes of an LTS release
   * that only Ubuntu Pro (ESM) subscribers get; null for other ecosystems.
   */
  static String ubuntuProEcosystem(String ecosystem) {
    return ecosystem.matches("Ubuntu:\\d{2}\\.\\d{2}:LTS") ? "Ubuntu:Pro:" + ecosystem.substring("Ubuntu:".length())
        : null;
  }

  /**
   * {@code Red Hat:enterprise_linux:<major>} for RHEL and UBI images (os-release ID {@code rhel}), the ecosystem
   * the Red Hat CSAF VEX importer gives the main RHEL streams; null for other OSes.
   */
  static String redHatEcosystem(OsInfo os) {
    if (os == null || !"rhel".equals(os.family()) || os.versionId() == null) {
      return null;
    }
    String major = os.versionId().split("\\.", 2)[0];
    return major.matches("\\d+") ? "Red Hat:enterprise_linux:" + major : null;
  }

  /** {@code 5.0} of Photon's VERSION_ID {@code 5.0} ({@code 5} alone is taken as {@code 5.0}); null otherwise. */
  static String photonRelease(String versionId) {
    if (versionId == null) {
      return null;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(versionId.strip());
    return m.find() ? m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) : null;
  }

  /**
   * The OSV ecosystem of a RHEL rebuild's release: {@code AlmaLinux:<major>} for os-release ID {@code almalinux},
   * {@code Rocky Linux:<major>} for {@code rocky}, {@code Oracle Linux:<major>} for {@code ol} (ecosystem of
   * {@code OracleOvalImporter}); null for other OSes.
   */
  static String rebuildEcosystem(OsInfo os) {
    if (os == null || os.versionId() == null) {
      return null;
    }
    String major = os.versionId().split("\\.", 2)[0];
    if (!major.matches("\\d+")) {
      return null;
    }
    return switch (os.family() == null ? "" : os.family()) {
      case "almalinux" -> "AlmaLinux:" + major;
      case "rocky" -> "Rocky Linux:" + major;
      case "ol" -> "Oracle Linux:" + major;
      default -> null;
    };
  }

  private static final java.util.regex.Pattern XUS_SET = java.util.regex.Pattern.compile(
      "^rhel-(\\d+)-for-[a-z0-9_]+-([a-z0-9]+)-(eus|aus|e4s|tus)-rpms__(\\d+)_DOT_(\\d+)$");

  /**
   * The ecosystems of the Extended Update Support streams (EUS, AUS, E4S, TUS) the image's Red Hat content
   * manifests name ({@code rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2} is {@code Red Hat:rhel_eus:9.2::appstream},
   * the CPE {@code cpe:/a:redhat:rhel_eus:9.2::appstream} Red Hat's repository-to-CPE mapping gives it); empty for
   * a main-stream image or one without content manifests.
   */
  static List<String> redHatStreams(OsInfo os) {
    String main = redHatEcosystem(os);
    if (main == null || os.contentSets().isEmpty()) {
      return List.of();
    }
    String major = main.substring("Red Hat:enterprise_linux:".length());
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String set : os.contentSets()) {
      java.util.regex.Matcher m = XUS_SET.matcher(set);
      if (m.matches() && m.group(1).equals(major) && m.group(4).equals(major)) {
        out.add("Red Hat:rhel_" + m.group(3) + ":" + m.group(4) + "." + m.group(5) + "::" + m.group(2));
      }
    }
    return List.copyOf(out);
  }

  /** This query in another ecosystem of the same scheme (a Red Hat xUS stream of the image's release). */
  PackageQuery in(String otherEcosystem) {
    return new PackageQuery(otherEcosystem, name, version, scheme, go);
  }

  /** {@code Amazon Linux:2} / {@code Amazon Linux:2023} (and the 2022 preview) of os-release VERSION_ID; else null. */
  static String amazonEcosystem(String versionId) {
    return versionId != null && versionId.matches("2|2022|2023") ? "Amazon Linux:" + versionId : null;
  }

  /** {@code nodejs:18} of the rpm modularity label {@code nodejs:18:8080020230807161425:ad008a3a}; else null. */
  static String moduleStream(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String[] parts = label.split(":");
    return parts.length >= 2 ? parts[0] + ":" + parts[1] : null;
  }

  /** Whether an advisory's {@code affected[].package} names this package. */
  boolean names(String advisoryEcosystem, String advisoryName) {
    if (!ecosystem.equals(advisoryEcosystem) || advisoryName == null) {
      return false;
    }
    return "PyPI".equals(ecosystem) ? name.equals(pep503(advisoryName)) : name.equals(advisoryName);
  }

  /** A version as the ECOSYSTEM scheme wants it (Go module versions start with {@code v}). */
  String ecosystemForm(String v) {
    return go ? withV(v) : v;
  }

  /** A version as SemVer ordering wants it (no leading {@code v}). */
  static String semverForm(String v) {
    return v.startsWith("v") ? v.substring(1) : v;
  }

  /** PEP 503 normalised project name. */
  static String pep503(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  private static String withV(String v) {
    return v.isEmpty() || v.startsWith("v") ? v : "v" + v;
  }

  private static String sourceName(Package p) {
    return p.sourceName() == null || p.sourceName().isEmpty() ? p.name() : p.sourceName();
  }

  private static String sourceVersion(Package p) {
    String v = p.sourceVersion() == null || p.sourceVersion().isEmpty() ? p.version() : p.sourceVersion();
    return v == null ? "" : v;
  }
}
