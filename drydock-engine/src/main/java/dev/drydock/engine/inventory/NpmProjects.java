package dev.drydock.engine.inventory;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a yarn.lock or pnpm-lock.yaml does not record and the package.json files around it
 * ({@link Fact.DeclaredDependencies}) do, decided after squashing (an analyzer sees one file):
 * <ul>
 *   <li><b>Dev flags of yarn.lock packages.</b> A package is dev when it is reachable, over the lock file's
 *       edges, from a {@code devDependencies} name and not from a {@code dependencies}/
 *       {@code optionalDependencies}/{@code peerDependencies} name: npm's rule for its own lock file. In a
 *       workspace (the manifest beside the lock declares {@code workspaces}) the members' manifests below it
 *       count too, as the one lock file covers them all. A declared name matches every version of it in the
 *       lock file (package.json holds a range, not the resolution), which can only make fewer packages dev.
 *   <li><b>The project.</b> Neither lock file names the project it was made for: the manifest beside it does.
 *       Its package is reported with {@code project=root} and an edge to each package of the lock file it
 *       declares (of several versions of a name, those no other locked package depends on; all when each is
 *       also another package's dependency), and each workspace member's with {@code project=member}, unless
 *       a package-lock.json in the same directory already reported the project.
 * </ul>
 * A member is a manifest below the workspace root whose nearest enclosing lock file is the root's (a nested
 * project with its own lock file is its own project).
 */
final class NpmProjects {
  private static final NpmProjects NONE = new NpmProjects(Map.of(), List.of());
  private static final Set<String> LOCKS_WITHOUT_PROJECT = Set.of("yarn.lock", "pnpm-lock.yaml");
  private static final Set<String> NPM_LOCKS = Set.of("package-lock.json", "npm-shrinkwrap.json");

  /** Per yarn.lock path, the purls of its dev packages. */
  private final Map<String, Set<String>> devByLock;
  /** The projects and members, each with the path of its manifest. */
  private final List<Fact.PackageFound> projects;

  private NpmProjects(Map<String, Set<String>> devByLock, List<Fact.PackageFound> projects) {
    this.devByLock = devByLock;
    this.projects = projects;
  }

  static NpmProjects of(List<Fact> facts) {
    Map<String, Fact.DeclaredDependencies> manifests = new TreeMap<>(); // by directory
    Map<String, Map<String, Package>> locks = new TreeMap<>(); // yarn.lock / pnpm-lock.yaml path -> purl -> package
    Set<String> lockDirs = new HashSet<>();
    Set<String> reportedRoots = new HashSet<>(); // directories whose package-lock.json reported the project
    for (Fact f : facts) {
      if (f instanceof Fact.DeclaredDependencies d) {
        manifests.put(parent(d.path()), d);
      } else if (f instanceof Fact.PackageFound p) {
        String file = fileName(p.path());
        if (LOCKS_WITHOUT_PROJECT.contains(file)) {
          locks.computeIfAbsent(p.path(), k -> new HashMap<>()).put(Purls.of(p.pkg(), null), p.pkg());
          lockDirs.add(parent(p.path()));
        } else if (NPM_LOCKS.contains(file)) {
          lockDirs.add(parent(p.path()));
          if ("root".equals(p.pkg().attribute("project"))) {
            reportedRoots.add(parent(p.path()));
          }
        }
      }
    }
    if (manifests.isEmpty() || locks.isEmpty()) {
      return NONE;
    }
    Map<String, Set<String>> dev = new HashMap<>();
    List<Fact.PackageFound> projects = new ArrayList<>();
    Set<String> projectDirs = new HashSet<>();
    locks.forEach((lock, packages) -> {
      String dir = parent(lock);
      Fact.DeclaredDependencies root = manifests.get(dir);
      if (root == null) {
        return;
      }
      List<Fact.DeclaredDependencies> members = root.workspaces() ? members(dir, manifests, lockDirs) : List.of();
      if (fileName(lock).equals("yarn.lock")) {
        List<String> prodNames = new ArrayList<>(root.dependencies());
        List<String> devNames = new ArrayList<>(root.devDependencies());
        members.forEach(m -> {
          prodNames.addAll(m.dependencies());
          devNames.addAll(m.devDependencies());
        });
        Set<String> flagged = reach(packages, devNames);
        flagged.removeAll(reach(packages, prodNames));
        dev.put(lock, flagged);
      }
      if (root.name() == null || reportedRoots.contains(dir) || !projectDirs.add(dir)) {
        return; // the lock file's project is unknown, already reported, or reported for the other lock file
      }
      Map<String, String> memberPurls = new TreeMap<>();
      members.stream().filter(m -> m.name() != null)
          .forEach(m -> memberPurls.put(m.name(), Purls.of(project(m, "member", List.of()).pkg(), null)));
      projects.add(project(root, "root", edges(root, packages, memberPurls)));
      for (Fact.DeclaredDependencies m : members) {
        if (m.name() != null) {
          projects.add(project(m, "member", edges(m, packages, memberPurls)));
        }
      }
    });
    return dev.isEmpty() && projects.isEmpty() ? NONE : new NpmProjects(dev, projects);
  }

  /** The project and member packages to add to the inventory, each found at its package.json. */
  List<Fact.PackageFound> projects() {
    return projects;
  }

  /** The package as the inventory keeps it: flagged {@code dev=true} when it is a dev-only yarn package. */
  Package apply(Fact.PackageFound found) {
    Set<String> devPurls = devByLock.get(found.path());
    Package pkg = found.pkg();
    if (devPurls == null || !devPurls.contains(Purls.of(pkg, null)) || "true".equals(pkg.attribute("dev"))) {
      return pkg;
    }
    Map<String, String> attributes = new HashMap<>(pkg.attributes());
    attributes.put("dev", "true");
    return new Package(pkg.ecosystem(), pkg.namespace(), pkg.name(), pkg.version(), pkg.sourceName(),
        pkg.sourceVersion(), pkg.arch(), pkg.licenses(), pkg.location(), attributes, pkg.dependsOn());
  }

  /** The manifests below {@code dir} whose nearest enclosing lock file directory is {@code dir}. */
  private static List<Fact.DeclaredDependencies> members(String dir, Map<String, Fact.DeclaredDependencies> manifests,
      Set<String> lockDirs) {
    List<Fact.DeclaredDependencies> out = new ArrayList<>();
    manifests.forEach((d, m) -> {
      if (!d.equals(dir) && (dir.isEmpty() || d.startsWith(dir + "/")) && dir.equals(nearestLockDir(d, lockDirs))) {
        out.add(m);
      }
    });
    return out;
  }

  private static String nearestLockDir(String dir, Set<String> lockDirs) {
    String d = dir;
    while (true) {
      if (lockDirs.contains(d)) {
        return d;
      }
      if (d.isEmpty()) {
        return null;
      }
      d = parent(d);
    }
  }

  private static Fact.PackageFound project(Fact.DeclaredDependencies m, String role, List<String> edges) {
    String[] parts = split(m.name());
    Package pkg = new Package(Ecosystem.NPM, parts[0], parts[1], m.version(), null, null, null, List.of(), m.path(),
        Map.of("project", role), edges);
    return new Fact.PackageFound(m.path(), pkg);
  }

  /** Edges of a manifest: every lock package and workspace member it declares (dependencies and dev). */
  private static List<String> edges(Fact.DeclaredDependencies m, Map<String, Package> packages,
      Map<String, String> memberPurls) {
    Set<String> names = new HashSet<>(m.dependencies());
    names.addAll(m.devDependencies());
    Map<String, List<String>> versions = new TreeMap<>(); // declared name -> purls of its versions in the lock
    packages.forEach((purl, p) -> {
      if (names.contains(fullName(p))) {
        versions.computeIfAbsent(fullName(p), k -> new ArrayList<>()).add(purl);
      }
    });
    Set<String> depended = new HashSet<>();
    packages.values().forEach(p -> depended.addAll(p.dependsOn()));
    Set<String> out = new LinkedHashSet<>();
    for (List<String> purls : versions.values()) {
      // of several versions, the ones no other package depends on are the declared one; if every version is
      // also someone's dependency the lock file cannot tell, and all stay
      List<String> direct = purls.stream().filter(x -> !depended.contains(x)).toList();
      out.addAll(purls.size() > 1 && !direct.isEmpty() ? direct : purls);
    }
    memberPurls.forEach((name, purl) -> {
      if (names.contains(name) && !name.equals(m.name())) {
        out.add(purl);
      }
    });
    return List.copyOf(out);
  }

  /** The purls reachable, over the lock file's edges, from every version of the named packages. */
  private static Set<String> reach(Map<String, Package> packages, List<String> names) {
    Set<String> wanted = new HashSet<>(names);
    ArrayDeque<String> todo = new ArrayDeque<>();
    packages.forEach((purl, p) -> {
      if (wanted.contains(fullName(p))) {
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

  private static String fullName(Package p) {
    return p.namespace() == null ? p.name() : p.namespace() + "/" + p.name();
  }

  /** {@code @scope/name} as namespace {@code @scope} and name, as the npm analyzers write them. */
  private static String[] split(String fullName) {
    int slash = fullName.indexOf('/');
    if (fullName.startsWith("@") && slash > 1 && slash < fullName.length() - 1) {
      return new String[] {fullName.substring(0, slash), fullName.substring(slash + 1)};
    }
    return new String[] {null, fullName};
  }

  private static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
