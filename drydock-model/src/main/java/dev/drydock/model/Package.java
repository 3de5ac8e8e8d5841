package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One package as an analyzer found it in one file.
 *
 * @param ecosystem where it comes from
 * @param namespace Maven groupId, npm scope (with its '@', e.g. {@code @babel}), Composer vendor; null
 *     for OS packages (the distribution becomes the purl namespace at inventory time)
 * @param name package name (for Maven the artifactId)
 * @param version version exactly as the package manager records it; for rpm {@code [epoch:]version-release},
 *     for dpkg the full Debian version
 * @param sourceName source package (dpkg Source, apk origin, rpm source rpm name); null if none
 * @param sourceVersion version of the source package (equal to {@code version} when the package manager
 *     records no separate one); null when there is no source package
 * @param arch architecture where recorded; null otherwise
 * @param licenses licences as declared (SPDX ids or free text)
 * @param location image-root-relative path of the file that declares the package (for nested archives
 *     {@code outer.jar!/BOOT-INF/lib/inner.jar})
 * @param attributes further facts: {@code epoch}, {@code release}, {@code vendor}, {@code sha1},
 *     {@code derivation} (how Maven coordinates were found), {@code goVersion}, ...; sorted for stable output
 * @param dependsOn the purls of the packages this one depends on, as the declaring file records them (a lock
 *     file's edges); empty when the format records none, and then omitted from JSON; sorted, no duplicates
 */
public record Package(
    Ecosystem ecosystem,
    String namespace,
    String name,
    String version,
    String sourceName,
    String sourceVersion,
    String arch,
    List<String> licenses,
    String location,
    Map<String, String> attributes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dependsOn) {

  public Package {
    dependsOn = dependsOn == null || dependsOn.isEmpty() ? List.of() : List.copyOf(new TreeSet<>(dependsOn));
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    licenses = licenses == null ? List.of() : List.copyOf(licenses);
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** A package without dependency edges. */
  public Package(Ecosystem ecosystem, String namespace, String name, String version, String sourceName,
      String sourceVersion, String arch, List<String> licenses, String location, Map<String, String> attributes) {
    this(ecosystem, namespace, name, version, sourceName, sourceVersion, arch, licenses, location, attributes,
        List.of());
  }

  /** This package with {@code dependsOn} as its edges. */
  public Package withDependsOn(java.util.Collection<String> edges) {
    return new Package(ecosystem, namespace, name, version, sourceName, sourceVersion, arch, licenses, location,
        attributes, edges == null ? List.of() : List.copyOf(edges));
  }

  /** This package declared at {@code newLocation}, edges kept. */
  public Package atLocation(String newLocation) {
    return new Package(ecosystem, namespace, name, version, sourceName, sourceVersion, arch, licenses, newLocation,
        attributes, dependsOn);
  }

  /** A package with only the essentials; use the canonical constructor for the rest. */
  public static Package of(Ecosystem ecosystem, String namespace, String name, String version, String location) {
    return new Package(ecosystem, namespace, name, version, null, null, null, List.of(), location, Map.of());
  }

  public String attribute(String key) {
    return attributes.get(key);
  }

  /** Identity used to deduplicate and to follow a package across layers (location excluded). */
  public String key() {
    return ecosystem.purlType() + "|" + (namespace == null ? "" : namespace) + "|" + name + "|" + version
        + "|" + (arch == null ? "" : arch);
  }
}
