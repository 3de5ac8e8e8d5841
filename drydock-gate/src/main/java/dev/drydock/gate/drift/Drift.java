package dev.drydock.gate.drift;

import dev.drydock.gate.GateFinding;
import dev.drydock.gate.drift.DriftReport.LayerDrift;
import dev.drydock.gate.drift.DriftReport.LayerRow;
import dev.drydock.gate.drift.DriftReport.SpecialFile;
import dev.drydock.gate.drift.DriftReport.VulnChange;
import dev.drydock.model.Fact;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Drift between the previous release's scan and the current one, and ratchets over it. */
public final class Drift {
  private static final int SETUID = 04000;
  private static final int SETGID = 02000;

  private Drift() {}

  /** What changed from {@code old} to {@code current}. */
  public static DriftReport between(ScanResult old, ScanResult current) {
    PackageDiff p = new PackageDiff(old.packages(), current.packages());
    return new DriftReport(name(old), name(current), p.added, p.removed, p.upgraded, p.downgraded, p.changed,
        vulnMinus(current.vulnerabilities(), old.vulnerabilities()),
        vulnMinus(old.vulnerabilities(), current.vulnerabilities()),
        ConfigDiff.of(old.config(), current.config()),
        setuidAdded(old.notableFiles(), current.notableFiles()),
        layers(old.layers(), current.layers()));
  }

  /**
   * Gate findings for each ratchet in {@code noNew} that {@code drift} violates: {@code fixable-high},
   * {@code exposed-port}, {@code root-user}, {@code setuid}, {@code kev}.
   *
   * @throws dev.drydock.model.DrydockException for an unknown ratchet name
   */
  public static List<GateFinding> ratchet(DriftReport drift, List<String> noNew) {
    return Ratchets.check(drift, noNew);
  }

  private static String name(ScanResult r) {
    return r.target() == null ? null : r.target().name();
  }

  private static List<VulnChange> vulnMinus(List<Vulnerability> a, List<Vulnerability> b) {
    Set<String> inB = new HashSet<>();
    b.forEach(v -> inB.add(v.id() + "|" + v.purl()));
    Map<String, VulnChange> out = new TreeMap<>();
    for (Vulnerability v : a) {
      String key = v.id() + "|" + v.purl();
      if (!inB.contains(key)) {
        out.putIfAbsent(key, new VulnChange(v.id(), v.purl(), v.packageName(), v.installedVersion(), v.severity(),
            v.fixable(), v.fixedVersions(), v.kev(), v.layerDiffId(), v.title()));
      }
    }
    return new ArrayList<>(out.values());
  }

  private static List<SpecialFile> setuidAdded(List<Fact.FileInfo> old, List<Fact.FileInfo> current) {
    Set<String> before = new HashSet<>();
    old.stream().filter(f -> (f.mode() & (SETUID | SETGID)) != 0).forEach(f -> before.add(f.path()));
    Map<String, SpecialFile> out = new TreeMap<>();
    for (Fact.FileInfo f : current) {
      if ((f.mode() & (SETUID | SETGID)) != 0 && !before.contains(f.path())) {
        out.putIfAbsent(f.path(), new SpecialFile(f.path(), Integer.toOctalString(f.mode() & 07777),
            (f.mode() & SETUID) != 0, (f.mode() & SETGID) != 0, f.uid(), f.gid()));
      }
    }
    return new ArrayList<>(out.values());
  }

  private static LayerDrift layers(List<LayerInfo> old, List<LayerInfo> current) {
    List<LayerInfo> a = old.stream().sorted(Comparator.comparingInt(LayerInfo::index)).toList();
    List<LayerInfo> b = current.stream().sorted(Comparator.comparingInt(LayerInfo::index)).toList();
    Set<String> oldIds = new HashSet<>();
    a.forEach(l -> oldIds.add(l.diffId()));
    Map<Integer, LayerRow> rows = new LinkedHashMap<>();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      LayerInfo x = i < a.size() ? a.get(i) : null;
      LayerInfo y = i < b.size() ? b.get(i) : null;
      String status;
      if (y == null) {
        status = LayerRow.REMOVED;
      } else if (x != null && x.diffId().equals(y.diffId())) {
        status = LayerRow.SAME;
      } else {
        status = oldIds.contains(y.diffId()) ? LayerRow.SHARED : LayerRow.NEW;
      }
      rows.put(i, new LayerRow(i, status, x == null ? null : x.diffId(), x == null ? null : x.size(),
          y == null ? null : y.diffId(), y == null ? null : y.size(),
          y != null ? y.createdBy() : x.createdBy()));
    }
    return new LayerDrift(a.size(), b.size(), a.stream().mapToLong(LayerInfo::size).sum(),
        b.stream().mapToLong(LayerInfo::size).sum(), new ArrayList<>(rows.values()));
  }
}
