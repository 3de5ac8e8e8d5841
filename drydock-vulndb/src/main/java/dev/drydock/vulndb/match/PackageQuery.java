package dev.drydock.vulndb.match;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.version.VersionScheme;
import dev.drydock.version.VersionSchemes;
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
        if (os == null || !"debian".equals(os.family()) || os.versionId() == null) {
          yield Optional.empty();
        }
        String major = os.versionId().split("\\.", 2)[0];
        yield Optional.of(new PackageQuery("Debian:" + major, sourceName(p), sourceVersion(p), scheme, false));
      }
      case APK -> {
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
      case RPM -> Optional.empty();
    };
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
