package dev.drydock.engine.inventory;

import dev.drydock.analyzers.os.release.OsResolver;
import dev.drydock.engine.cache.AnalyzerOutput;
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

  /** The squashed view. */
  public record View(OsInfo os, List<InstalledPackage> packages, List<Fact.FileInfo> notableFiles) {}

  private static final String STRUCTURE = "layer";

  private record Slot(int layer, List<Fact> facts, Map<String, Integer> firstLayer) {}

  private Inventory() {}

  public static View squash(List<LayerFacts> layers) {
    // analyzer name -> path -> what the file at that path yields
    Map<String, TreeMap<String, Slot>> view = new LinkedHashMap<>();
    TreeMap<String, Fact.FileInfo> files = new TreeMap<>();

    for (LayerFacts layer : layers) {
      AnalyzerOutput structure = layer.outputs().get(STRUCTURE);
      List<Fact> structureFacts = structure == null ? List.of() : structure.facts();
      for (Fact f : structureFacts) {
        if (f instanceof Fact.OpaqueDir o) {
          String prefix = o.path().isEmpty() ? "" : o.path() + "/";
          view.values().forEach(m -> removeUnder(m, prefix, null));
          removeUnder(files, prefix, null);
        } else if (f instanceof Fact.Whiteout w) {
          view.values().forEach(m -> removeUnder(m, w.path() + "/", w.path()));
          removeUnder(files, w.path() + "/", w.path());
        }
      }
      for (Map.Entry<String, AnalyzerOutput> e : layer.outputs().entrySet()) {
        if (e.getKey().equals(STRUCTURE)) {
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
        if (f instanceof Fact.FileInfo fi) {
          files.put(fi.path(), fi);
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
    return collect(layers, view, files);
  }

  private static View collect(List<LayerFacts> layers, Map<String, TreeMap<String, Slot>> view,
      TreeMap<String, Fact.FileInfo> files) {
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
    Map<String, List<Found>> byKey = new LinkedHashMap<>();
    for (TreeMap<String, Slot> slots : view.values()) {
      for (Slot s : slots.values()) {
        for (Fact f : s.facts()) {
          if (f instanceof Fact.PackageFound pf) {
            Package p = pf.pkg();
            if (!p.ecosystem().isOs() && owned.contains(outerPath(p.location() == null ? pf.path() : p.location()))) {
              continue; // installed by the OS package manager: reported once, as the OS package
            }
            int layer = s.firstLayer().getOrDefault(p.key(), s.layer());
            byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new Found(p, layer));
          }
        }
      }
    }
    List<InstalledPackage> packages = new ArrayList<>();
    for (List<Found> found : byKey.values()) {
      found.sort(Comparator.comparingInt(Found::layer));
      Found first = found.get(0);
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
    return new View(os, packages, List.copyOf(files.values()));
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
        out.add(new Fact.PackageFound(path, new Package(pkg.ecosystem(), pkg.namespace(), pkg.name(), pkg.version(),
            pkg.sourceName(), pkg.sourceVersion(), pkg.arch(), pkg.licenses(), path, pkg.attributes())));
      } else {
        out.add(f);
      }
    }
    return out;
  }
}
