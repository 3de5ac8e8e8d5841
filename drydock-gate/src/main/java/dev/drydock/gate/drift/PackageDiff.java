package dev.drydock.gate.drift;

import dev.drydock.gate.drift.DriftReport.PackageChange;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.Package;
import dev.drydock.version.VersionScheme;
import dev.drydock.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Packages added, removed, upgraded, downgraded or changed, by ecosystem + namespace + name + outer path. */
final class PackageDiff {
  static final Comparator<PackageChange> ORDER = Comparator
      .comparing((PackageChange c) -> c.ecosystem().purlType())
      .thenComparing(c -> c.namespace() == null ? "" : c.namespace())
      .thenComparing(PackageChange::name)
      .thenComparing(c -> c.location() == null ? "" : c.location())
      .thenComparing(c -> c.oldVersion() == null ? "" : c.oldVersion())
      .thenComparing(c -> c.newVersion() == null ? "" : c.newVersion());

  final List<PackageChange> added = new ArrayList<>();
  final List<PackageChange> removed = new ArrayList<>();
  final List<PackageChange> upgraded = new ArrayList<>();
  final List<PackageChange> downgraded = new ArrayList<>();
  final List<PackageChange> changed = new ArrayList<>();

  PackageDiff(List<InstalledPackage> oldPackages, List<InstalledPackage> newPackages) {
    Map<String, Map<String, InstalledPackage>> before = index(oldPackages);
    Map<String, Map<String, InstalledPackage>> after = index(newPackages);
    for (var e : before.entrySet()) {
      Map<String, InstalledPackage> now = after.getOrDefault(e.getKey(), Map.of());
      Map<String, InstalledPackage> was = e.getValue();
      List<InstalledPackage> gone = new ArrayList<>();
      List<InstalledPackage> came = new ArrayList<>();
      was.forEach((v, p) -> {
        if (!now.containsKey(v)) {
          gone.add(p);
        }
      });
      now.forEach((v, p) -> {
        if (!was.containsKey(v)) {
          came.add(p);
        }
      });
      if (gone.size() == 1 && came.size() == 1) {
        compare(gone.get(0), came.get(0));
      } else {
        gone.forEach(p -> removed.add(change(p, p.pkg().version(), null)));
        came.forEach(p -> added.add(change(p, null, p.pkg().version())));
      }
    }
    for (var e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        e.getValue().values().forEach(p -> added.add(change(p, null, p.pkg().version())));
      }
    }
    for (List<PackageChange> l : List.of(added, removed, upgraded, downgraded, changed)) {
      l.sort(ORDER);
    }
  }

  private void compare(InstalledPackage was, InstalledPackage now) {
    String a = was.pkg().version();
    String b = now.pkg().version();
    PackageChange c = change(now, a, b);
    VersionScheme scheme = VersionSchemes.of(now.pkg().ecosystem());
    if (a == null || b == null || !scheme.isValid(a) || !scheme.isValid(b)) {
      changed.add(c);
      return;
    }
    int cmp = scheme.compare(a, b);
    if (cmp < 0) {
      upgraded.add(c);
    } else if (cmp > 0) {
      downgraded.add(c);
    } else {
      changed.add(c); // different strings the scheme calls equal (e.g. 1.0 vs 1.0.0)
    }
  }

  private static PackageChange change(InstalledPackage p, String oldVersion, String newVersion) {
    Package k = p.pkg();
    return new PackageChange(k.ecosystem(), k.namespace(), k.name(), outerLocation(p), oldVersion, newVersion,
        p.purl());
  }

  /** identity -> version -> package (the first one of each version). */
  private static Map<String, Map<String, InstalledPackage>> index(List<InstalledPackage> packages) {
    Map<String, Map<String, InstalledPackage>> out = new LinkedHashMap<>();
    for (InstalledPackage p : packages) {
      Package k = p.pkg();
      String id = k.ecosystem().purlType() + "|" + (k.namespace() == null ? "" : k.namespace()) + "|" + k.name()
          + "|" + outerLocation(p);
      out.computeIfAbsent(id, x -> new TreeMap<>())
          .putIfAbsent(k.version() == null ? "" : k.version(), p);
    }
    return out;
  }

  static String outerLocation(InstalledPackage p) {
    String loc = p.pkg().location();
    if (loc == null && !p.locations().isEmpty()) {
      loc = p.locations().get(0);
    }
    if (loc == null) {
      return "";
    }
    int bang = loc.indexOf('!');
    return bang < 0 ? loc : loc.substring(0, bang);
  }
}
