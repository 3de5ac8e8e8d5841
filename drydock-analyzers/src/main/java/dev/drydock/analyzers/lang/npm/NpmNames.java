package dev.drydock.analyzers.lang.npm;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.util.List;
import java.util.Map;

/** Helpers shared by the npm-family analyzers: scoped names and package facts. */
final class NpmNames {
  private NpmNames() {}

  /** Splits {@code @scope/name} into namespace {@code @scope} (purl form) and name; plain names have no namespace. */
  static String[] split(String fullName) {
    if (fullName.startsWith("@")) {
      int slash = fullName.indexOf('/');
      if (slash > 1 && slash < fullName.length() - 1) {
        return new String[] {fullName.substring(0, slash), fullName.substring(slash + 1)};
      }
    }
    return new String[] {null, fullName};
  }

  /**
   * Splits {@code name@rest} where name may be scoped ({@code @scope/x@rest}); returns null when there is
   * no separating '@'.
   */
  static String[] nameAndRest(String spec) {
    int at = spec.indexOf('@', spec.startsWith("@") ? 1 : 0);
    if (at <= 0) {
      return null;
    }
    return new String[] {spec.substring(0, at), spec.substring(at + 1)};
  }

  static Fact.PackageFound fact(String location, String fullName, String version, List<String> licenses,
      Map<String, String> attributes) {
    String[] parts = split(fullName);
    Package pkg = new Package(Ecosystem.NPM, parts[0], parts[1], version, null, null, null, licenses, location,
        attributes);
    return new Fact.PackageFound(location, pkg);
  }

  /** The purl of npm package {@code fullName} (maybe scoped) at {@code version}, as the inventory writes it. */
  static String purl(String fullName, String version) {
    String[] parts = split(fullName);
    return Purls.of(Package.of(Ecosystem.NPM, parts[0], parts[1], version, null), null);
  }

  /** The file name part of a '/'-separated path. */
  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** True when the path lies inside a node_modules directory. */
  static boolean insideNodeModules(String path) {
    return path.startsWith("node_modules/") || path.contains("/node_modules/");
  }
}
