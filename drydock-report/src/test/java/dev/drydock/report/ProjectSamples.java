package dev.drydock.report;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Source-tree results shaped as the analyzers report an npm workspace (package-lock.json v3 of the npm
 * fixture project: the project, its workspace member local-lib and dependencies).
 */
public final class ProjectSamples {
  private ProjectSamples() {}

  static InstalledPackage npm(String scope, String name, String version, Map<String, String> attrs) {
    Package p = new Package(Ecosystem.NPM, scope, name, version, null, null, null, List.of("MIT"),
        "app/package-lock.json", attrs);
    return new InstalledPackage(Purls.of(p, null), p, -1, null, null, List.of("app/package-lock.json"));
  }

  /** One project (root), one workspace member, two dependencies. */
  public static ScanResult npmWorkspace() {
    return source(List.of(
        npm(null, "drydock-fixture-app", "1.0.0", Map.of("project", "root")),
        npm(null, "local-lib", "0.1.0", Map.of("project", "member")),
        npm("@isaacs", "string-locale-compare", "1.1.0", Map.of()),
        npm(null, "ms", "2.1.3", Map.of())));
  }

  /**
   * The npm fixture's package-lock.json v3 with the edges the analyzer reads from it (debug 2.6.9 needs its
   * nested ms 2.0.0, the member local-lib needs inherits), plus a package from a file without edges (a jar).
   */
  public static ScanResult npmGraph() {
    InstalledPackage project = npm(null, "drydock-fixture-app", "1.0.0", Map.of("project", "root"));
    InstalledPackage member = npm(null, "local-lib", "0.1.0", Map.of("project", "member"));
    InstalledPackage debug = npm(null, "debug", "2.6.9", Map.of());
    Package jar = new Package(Ecosystem.MAVEN, "org.slf4j", "slf4j-api", "2.0.9", null, null, null, List.of(),
        "app/lib/slf4j-api-2.0.9.jar", Map.of());
    return source(List.of(
        edges(project, "pkg:npm/debug@2.6.9", "pkg:npm/local-lib@0.1.0", "pkg:npm/ms@2.1.3"),
        edges(member, "pkg:npm/inherits@2.0.4"),
        edges(debug, "pkg:npm/ms@2.0.0"),
        npm(null, "inherits", "2.0.4", Map.of()),
        npm(null, "ms", "2.0.0", Map.of()),
        npm(null, "ms", "2.1.3", Map.of()),
        new InstalledPackage(Purls.of(jar, null), jar, -1, null, null, List.of(jar.location()))));
  }

  private static InstalledPackage edges(InstalledPackage p, String... purls) {
    return new InstalledPackage(p.purl(), p.pkg().withDependsOn(List.of(purls)), p.layerIndex(), p.layerDiffId(),
        p.createdBy(), p.locations());
  }

  /** Two projects side by side (a mixed tree): no single root project. */
  public static ScanResult twoProjects() {
    List<InstalledPackage> pkgs = new ArrayList<>(npmWorkspace().packages());
    Package pom = new Package(Ecosystem.MAVEN, "org.springframework.samples", "spring-petclinic", "3.2.0-SNAPSHOT",
        null, null, null, List.of(), "java/pom.xml", Map.of("project", "root"));
    pkgs.add(new InstalledPackage(Purls.of(pom, null), pom, -1, null, null, List.of("java/pom.xml")));
    return source(pkgs);
  }

  private static ScanResult source(List<InstalledPackage> packages) {
    return ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("0.1.0")
        .createdAt("2024-02-01T10:15:30Z")
        .target(new Target("source", "./shop", null, null, null, null))
        .packages(packages)
        .stats(new ScanStats(0, 0, 0, 0, 0, 3))
        .build();
  }
}
