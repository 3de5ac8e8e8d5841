package dev.drydock.vulndb.suppress;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Objects;

/**
 * Compares a rule's purl with a finding's purl: type, namespace and name must be equal, qualifiers and
 * subpath are ignored, and a rule purl without a version matches every version.
 */
final class PurlMatch {
  private PurlMatch() {}

  /** The parts that take part in matching; {@code version} null when the purl has none. */
  record Coordinates(String type, String namespace, String name, String version) {}

  static boolean matches(String rulePurl, String findingPurl) {
    if (rulePurl == null || findingPurl == null) {
      return false;
    }
    Coordinates rule = coordinates(rulePurl);
    Coordinates found = coordinates(findingPurl);
    if (rule == null || found == null) {
      return false;
    }
    return rule.type().equals(found.type())
        && Objects.equals(rule.namespace(), found.namespace())
        && rule.name().equals(found.name())
        && (rule.version() == null || rule.version().equals(found.version()));
  }

  /** The coordinates of {@code purl}, null when it is not a purl. */
  static Coordinates coordinates(String purl) {
    try {
      PackageURL parsed = new PackageURL(purl.strip());
      return new Coordinates(parsed.getType(), emptyToNull(parsed.getNamespace()), parsed.getName(),
          emptyToNull(parsed.getVersion()));
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
