package dev.drydock.report;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.ScanResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project an SBOM of a directory describes: the single package the analyzers marked
 * {@code project=root} (package-lock.json's own entry, a pom.xml's coordinates, a deps.json application).
 * When a tree holds several projects, the one whose manifest is at the top of the tree (a monorepo's own
 * package.json, pom.xml or go.mod) is the subject and the others are its components; with none or several
 * there, the directory stays the subject and the projects are its children. None for images (the image is the
 * subject). Packages marked {@code project=member} are workspace
 * members.
 */
public final class ProjectRoot {
  private static final Set<String> IMAGE_KINDS = Set.of("docker-archive", "oci-layout", "oci-archive", "rootfs");

  private ProjectRoot() {}

  public static Optional<InstalledPackage> of(ScanResult result) {
    if (result.target() != null && result.target().kind() != null && IMAGE_KINDS.contains(result.target().kind())) {
      return Optional.empty();
    }
    List<InstalledPackage> roots = result.packages().stream()
        .filter(p -> "root".equals(p.pkg().attribute("project"))).toList();
    if (roots.size() == 1) {
      return Optional.of(roots.get(0));
    }
    // a monorepo: the project declared at the top of the tree is the subject, the others its components
    List<InstalledPackage> top = roots.stream()
        .filter(p -> p.pkg().location() != null && !p.pkg().location().contains("/")).toList();
    return top.size() == 1 ? Optional.of(top.get(0)) : Optional.empty();
  }

  public static boolean isMember(InstalledPackage p) {
    return p.pkg().attribute("project") != null;
  }
}
