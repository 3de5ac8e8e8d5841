package dev.drydock.model;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.TreeMap;

/** Package URLs (purl spec) for packages, via packageurl-java. */
public final class Purls {
  private Purls() {}

  /**
   * The purl of {@code pkg}. OS packages get the distribution as namespace and a {@code distro}
   * qualifier ({@code pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12}), as Syft and Trivy write them.
   *
   * @param os the target's OS, or null when unknown
   */
  public static String of(Package pkg, OsInfo os) {
    TreeMap<String, String> qualifiers = new TreeMap<>();
    String namespace = pkg.namespace();
    String name = pkg.name();
    String version = pkg.version();
    switch (pkg.ecosystem()) {
      case DEB, APK, RPM -> {
        if (namespace == null && os != null && os.family() != null) {
          namespace = os.family();
        }
        if (pkg.arch() != null && !pkg.arch().isEmpty()) {
          qualifiers.put("arch", pkg.arch());
        }
        if (os != null && os.family() != null && os.versionId() != null) {
          qualifiers.put("distro", os.family() + "-" + os.versionId());
        }
        if (pkg.ecosystem() == Ecosystem.RPM) {
          String epoch = pkg.attribute("epoch");
          if (epoch != null && !epoch.isEmpty() && !"0".equals(epoch)) {
            qualifiers.put("epoch", epoch);
          }
          // purl-spec: rpm version is version-release without the epoch
          if (version != null && version.indexOf(':') > 0) {
            version = version.substring(version.indexOf(':') + 1);
          }
        }
        if (pkg.sourceName() != null && !pkg.sourceName().equals(pkg.name())) {
          String upstream = pkg.sourceName();
          if (pkg.sourceVersion() != null && !pkg.sourceVersion().equals(pkg.version())) {
            upstream = upstream + "@" + pkg.sourceVersion();
          }
          qualifiers.put("upstream", upstream);
        }
      }
      case GOLANG -> {
        int slash = name.lastIndexOf('/');
        if (namespace == null && slash > 0) {
          namespace = name.substring(0, slash);
          name = name.substring(slash + 1);
        }
      }
      case PYPI -> name = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-').replace('.', '-');
      default -> {}
    }
    try {
      return new PackageURL(pkg.ecosystem().purlType(), emptyToNull(namespace), name, emptyToNull(version),
              qualifiers.isEmpty() ? null : qualifiers, null)
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      // names outside the purl grammar are rare (found in corrupt metadata); keep a readable id
      return "pkg:" + pkg.ecosystem().purlType() + "/" + (namespace == null ? "" : namespace + "/") + name
          + (version == null ? "" : "@" + version);
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
