package dev.drydock.engine.inventory;

import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dev flags for yarn.lock packages, which yarn.lock does not record: decided from the package.json in the same
 * directory ({@link Fact.DeclaredDependencies}) and the lock file's edges, after squashing (an analyzer sees
 * one file). A package is dev when it is reachable from the project's {@code devDependencies} and not from its
 * {@code dependencies}/{@code optionalDependencies}/{@code peerDependencies}: npm's rule for its own lock file.
 * A declared name matches every version of it in the lock file (package.json holds a range, not the
 * resolution), which can only make fewer packages dev. Projects declaring workspaces are left unflagged:
 * their members' manifests, elsewhere in the tree, also own part of the lock file.
 */
final class YarnDevFlags {
  private static final YarnDevFlags NONE = new YarnDevFlags(Map.of());

  /** Per yarn.lock path, the purls of its dev packages. */
  private final Map<String, Set<String>> devByLock;

  private YarnDevFlags(Map<String, Set<String>> devByLock) {
    this.devByLock = devByLock;
  }

  static YarnDevFlags of(List<Fact> facts) {
    Map<String, Fact.DeclaredDependencies> manifests = new HashMap<>();
    Map<String, Map<String, Package>> locks = new TreeMap<>();
    for (Fact f : facts) {
      if (f instanceof Fact.DeclaredDependencies d && !d.workspaces()) {
        manifests.put(parent(d.path()), d);
      } else if (f instanceof Fact.PackageFound p && isYarnLock(p.path())) {
        locks.computeIfAbsent(p.path(), k -> new HashMap<>()).put(Purls.of(p.pkg(), null), p.pkg());
      }
    }
    if (manifests.isEmpty() || locks.isEmpty()) {
      return NONE;
    }
    Map<String, Set<String>> dev = new HashMap<>();
    locks.forEach((lock, packages) -> {
      Fact.DeclaredDependencies manifest = manifests.get(parent(lock));
      if (manifest != null) {
        Set<String> prod = reach(packages, manifest.dependencies());
        Set<String> flagged = reach(packages, manifest.devDependencies());
        flagged.removeAll(prod);
        dev.put(lock, flagged);
      }
    });
    return new YarnDevFlags(dev);
  }

  /** The package as the inventory keeps it: flagged {@code dev=true} when it is a dev-only yarn package. */
  Package apply(Fact.PackageFound found) {
    Set<String> dev = devByLock.get(found.path());
    Package pkg = found.pkg();
    if (dev == null || !dev.contains(Purls.of(pkg, null)) || "true".equals(pkg.attribute("dev"))) {
      return pkg;
    }
    Map<String, String> attributes = new HashMap<>(pkg.attributes());
    attributes.put("dev", "true");
    return new Package(pkg.ecosystem(), pkg.namespace(), pkg.name(), pkg.version(), pkg.sourceName(),
        pkg.sourceVersion(), pkg.arch(), pkg.licenses(), pkg.location(), attributes, pkg.dependsOn());
  }

  /** The purls reachable, over the lock file's edges, from every version of the named packages. */
  private static Set<String> reach(Map<String, Package> packages, List<String> names) {
    Set<String> wanted = new HashSet<>(names);
    ArrayDeque<String> todo = new ArrayDeque<>();
    packages.forEach((purl, p) -> {
      if (wanted.contains(p.namespace() == null ? p.name() : p.namespace() + "/" + p.name())) {
        todo.add(purl);
      }
    });
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String purl = todo.poll();
      Package p = packages.get(purl);
      if (p != null && seen.add(purl)) {
        todo.addAll(p.dependsOn());
      }
    }
    return seen;
  }

  private static boolean isYarnLock(String path) {
    return path.equals("yarn.lock") || path.endsWith("/yarn.lock");
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
