package dev.drydock.engine.inventory;

import dev.drydock.analyzers.os.release.OsResolver;
import dev.drydock.analyzers.secret.SecretAnalyzer;
import dev.drydock.engine.cache.AnalyzerOutput;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Fact;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays per-layer facts in order into the final (squashed) view of an image: what the last layer
 * would show a container. Whiteouts and opaque directories of a layer remove what lower layers put
 * there, then the layer's own files replace the facts of the same paths. Every package keeps the
 * first layer from which it has been continuously present.
 */
public final class Inventory {

  /**
   * The squashed view.
   *
   * @param linkProblems symbolic links of the final view that loop or whose relative target climbs above
   *     the image root (no real image needs either; crafted ones use them to make tools read host files)
   * @param secrets every secret found in any layer, with its layer's diffID; {@code deleted} when an upper
   *     layer deletes or replaces the file
   */
  public record View(OsInfo os, List<InstalledPackage> packages, List<Fact.FileInfo> notableFiles,
      List<LinkProblem> linkProblems, List<ExposedSecret> secrets) {}

  /** A symbolic link that loops or escapes the root, with the layer that created it. */
  public record LinkProblem(int layer, String path, String target, String problem) {}

  private record Symlink(String target, int layer) {}

  private static final String STRUCTURE = "layer";

  private record Slot(int layer, List<Fact> facts, Map<String, Integer> firstLayer) {}

  private Inventory() {}

  public static View squash(List<LayerFacts> layers) {
    // analyzer name -> path -> what the file at that path yields
    Map<String, TreeMap<String, Slot>> view = new LinkedHashMap<>();
    TreeMap<String, Fact.FileInfo> files = new TreeMap<>();
    TreeMap<String, Symlink> symlinks = new TreeMap<>();
    SecretTrail secrets = new SecretTrail();

    for (LayerFacts layer : layers) {
      AnalyzerOutput structure = layer.outputs().get(STRUCTURE);
      List<Fact> structureFacts = structure == null ? List.of() : structure.facts();
      for (Fact f : structureFacts) {
        if (f instanceof Fact.OpaqueDir o) {
          String prefix = o.path().isEmpty() ? "" : o.path() + "/";
          view.values().forEach(m -> removeUnder(m, prefix, null));
          removeUnder(files, prefix, null);
          removeUnder(symlinks, prefix, null);
          secrets.hideBelow(o.path());
        } else if (f instanceof Fact.Whiteout w) {
          view.values().forEach(m -> removeUnder(m, w.path() + "/", w.path()));
          removeUnder(files, w.path() + "/", w.path());
          removeUnder(symlinks, w.path() + "/", w.path());
          secrets.delete(w.path());
        }
      }
      for (Map.Entry<String, AnalyzerOutput> e : layer.outputs().entrySet()) {
        if (e.getKey().equals(STRUCTURE)) {
          continue;
        }
        if (e.getKey().equals(SecretAnalyzer.NAME)) {
          secrets.layer(layer.index(), layer.diffId(), e.getValue().paths(), e.getValue().facts());
          continue;
        }
        TreeMap<String, Slot> slots = view.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
        Map<String, Integer> presentBefore = present(slots);
        Map<String, List<Fact>> byPath = new LinkedHashMap<>();
        for (String p : e.getValue().paths()) {
          byPath.put(p, new ArrayList<>());
        }
        for (Fact f : e.getValue().facts()) {
          byPath.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Fact>> pf : byPath.entrySet()) {
          Map<String, Integer> first = new HashMap<>();
          for (Fact f : pf.getValue()) {
            if (f instanceof Fact.PackageFound pkg) {
              String key = pkg.pkg().key();
              first.put(key, presentBefore.getOrDefault(key, layer.index()));
            }
          }
          slots.put(pf.getKey(), new Slot(layer.index(), pf.getValue(), first));
        }
      }
      for (Fact f : structureFacts) {
        if (f instanceof Fact.Link l) {
          secrets.replace(l.path()); // a link now stands where the file was
        }
        if (f instanceof Fact.FileInfo fi) {
          files.put(fi.path(), fi.inLayer(layer.diffId()));
        } else if (f instanceof Fact.Link l && !l.hard()) {
          symlinks.put(l.path(), new Symlink(l.target(), layer.index()));
        } else if (f instanceof Fact.Link l && l.hard()) {
          // a hard link shows the same content as its target: it declares what the target declares
          for (TreeMap<String, Slot> slots : view.values()) {
            Slot target = slots.get(l.target());
            if (target != null) {
              slots.put(l.path(), new Slot(target.layer(), repath(target.facts(), l.path()), target.firstLayer()));
            }
          }
        }
      }
    }
    return collect(layers, view, files, checkLinks(symlinks), secrets.secrets());
  }

  /** Maximum number of links followed while resolving one path (Linux allows 40). */
  static final int MAX_HOPS = 40;

  private static List<LinkProblem> checkLinks(TreeMap<String, Symlink> symlinks) {
    List<LinkProblem> problems = new ArrayList<>();
    for (Map.Entry<String, Symlink> e : symlinks.entrySet()) {
      String path = e.getKey();
      Symlink link = e.getValue();
      if (!link.target().startsWith("/") && escapes(parent(path), link.target())) {
        problems.add(new LinkProblem(link.layer(), path, link.target(), "points outside the image root"));
        continue;
      }
      String current = path;
      for (int hops = 0; ; hops++) {
        Symlink next = symlinks.get(current);
        if (next == null) {
          break;
        }
        if (hops == MAX_HOPS) {
          problems.add(new LinkProblem(link.layer(), path, link.target(), "is a symlink loop (more than "
              + MAX_HOPS + " links deep)"));
          break;
        }
        current = resolve(parent(current), next.target());
      }
    }
    return problems;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** True when {@code target}, taken relative to directory {@code dir}, climbs above the root. */
  static boolean escapes(String dir, String target) {
    int depth = dir.isEmpty() ? 0 : dir.split("/").length;
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /** The root-relative path a link target names, with {@code ..} clamped at the root. */
  static String resolve(String dir, String target) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    if (!target.startsWith("/") && !dir.isEmpty()) {
      for (String p : dir.split("/")) {
        parts.addLast(p);
      }
    }
    for (String p : target.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  private static View collect(List<LayerFacts> layers, Map<String, TreeMap<String, Slot>> view,
      TreeMap<String, Fact.FileInfo> files, List<LinkProblem> linkProblems, List<ExposedSecret> secrets) {
    Map<Integer, LayerFacts> byIndex = new HashMap<>();
    layers.forEach(l -> byIndex.put(l.index(), l));

    Set<String> owned = new HashSet<>();
    List<Fact.OsDetected> osFacts = new ArrayList<>();
    for (TreeMap<String, Slot> slots : view.values()) {
      for (Slot s : slots.values()) {
        for (Fact f : s.facts()) {
          if (f instanceof Fact.OwnedFiles o) {
            owned.addAll(o.files());
          } else if (f instanceof Fact.OsDetected os) {
            osFacts.add(os);
          }
        }
      }
    }
    OsInfo os = OsResolver.resolve(osFacts).orElse(null);

    record Found(Package pkg, int layer) {}
    Map<String, Integer> manifestLayers = new HashMap<>();
    view.values().forEach(slots -> slots.values().forEach(slot -> slot.facts().forEach(f -> {
      if (f instanceof Fact.DeclaredDependencies d) {
        manifestLayers.put(d.path(), slot.layer());
      }
    })));
    NpmProjects npm = NpmProjects.of(view.values().stream().flatMap(slots -> slots.values().stream())
        .flatMap(slot -> slot.facts().stream()).toList());
    List<Slot> slotsWithProjects = new ArrayList<>();
    view.values().forEach(slots -> slotsWithProjects.addAll(slots.values()));
    for (Fact.PackageFound project : npm.projects()) {
      slotsWithProjects.add(new Slot(manifestLayers.getOrDefault(project.path(), -1), List.of(project), Map.of()));
    }
    Map<String, List<Found>> byKey = new LinkedHashMap<>();
    for (Slot s : slotsWithProjects) {
      for (Fact f : s.facts()) {
        if (f instanceof Fact.PackageFound pf) {
          Package p = npm.apply(pf);
          if (!p.ecosystem().isOs() && owned.contains(outerPath(p.location() == null ? pf.path() : p.location()))) {
            continue; // installed by the OS package manager: reported once, as the OS package
          }
          int layer = s.firstLayer().getOrDefault(p.key(), s.layer());
          byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new Found(p, layer));
        }
      }
    }
    List<InstalledPackage> packages = new ArrayList<>();
    for (List<Found> found : byKey.values()) {
      found.sort(Comparator.comparingInt(Found::layer));
      Found first = found.get(0);
      if (found.size() > 1 && found.stream().anyMatch(x -> !x.pkg().dependsOn().isEmpty())) {
        // the same package declared by several files: its edges are all of theirs
        java.util.TreeSet<String> edges = new java.util.TreeSet<>();
        found.forEach(x -> edges.addAll(x.pkg().dependsOn()));
        first = new Found(first.pkg().withDependsOn(edges), first.layer());
      }
      List<String> locations = found.stream().map(x -> x.pkg().location()).filter(x -> x != null).distinct().sorted().toList();
      LayerFacts lf = byIndex.get(first.layer());
      packages.add(new InstalledPackage(Purls.of(first.pkg(), os), first.pkg(), lf == null ? -1 : first.layer(),
          lf == null ? null : lf.diffId(), lf == null ? null : lf.createdBy(), locations));
    }
    packages.sort(Comparator.<InstalledPackage, Boolean>comparing(p -> !p.pkg().ecosystem().isOs())
        .thenComparing(p -> p.pkg().ecosystem())
        .thenComparing(p -> p.pkg().namespace() == null ? "" : p.pkg().namespace())
        .thenComparing(p -> p.pkg().name())
        .thenComparing(p -> p.pkg().version() == null ? "" : p.pkg().version()));
    List<Fact.FileInfo> notable = files.values().stream().filter(Inventory::notable).toList();
    return new View(os, packages, notable, linkProblems, secrets);
  }

  /** Setuid/setgid, or world-writable without the sticky bit: what a layer's plain executables are not. */
  static boolean notable(Fact.FileInfo f) {
    return (f.mode() & 06000) != 0 || ((f.mode() & 0002) != 0 && (f.mode() & 01000) == 0);
  }

  private static String outerPath(String location) {
    int bang = location.indexOf('!');
    return bang < 0 ? location : location.substring(0, bang);
  }

  private static Map<String, Integer> present(TreeMap<String, Slot> slots) {
    Map<String, Integer> present = new HashMap<>();
    for (Slot s : slots.values()) {
      s.firstLayer().forEach((k, v) -> present.merge(k, v, Math::min));
    }
    return present;
  }

  private static <V> void removeUnder(TreeMap<String, V> map, String prefix, String exact) {
    if (exact != null) {
      map.remove(exact);
    }
    if (prefix.isEmpty()) {
      map.clear();
      return;
    }
    map.subMap(prefix, true, prefix + Character.MAX_VALUE, true).clear();
  }

  private static List<Fact> repath(List<Fact> facts, String path) {
    List<Fact> out = new ArrayList<>(facts.size());
    for (Fact f : facts) {
      if (f instanceof Fact.PackageFound p) {
        Package pkg = p.pkg();
        out.add(new Fact.PackageFound(path, pkg.atLocation(path)));
      } else {
        out.add(f);
      }
    }
    return out;
  }
}
