package dev.drydock.gate.drift;

import dev.drydock.gate.drift.DriftReport.ConfigDrift;
import dev.drydock.gate.drift.DriftReport.LayerRow;
import dev.drydock.gate.drift.DriftReport.PackageChange;
import dev.drydock.gate.drift.DriftReport.SpecialFile;
import dev.drydock.gate.drift.DriftReport.VulnChange;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link DriftReport} as plain text or Markdown. Environment values are never shown. */
public final class DriftText {
  private DriftText() {}

  /** Plain text, one section per kind of change, columns aligned; {@code No drift.} when nothing changed. */
  public static String table(DriftReport d) {
    StringBuilder sb = new StringBuilder();
    sb.append("Drift: ").append(d.oldTarget()).append(" -> ").append(d.newTarget()).append('\n');
    if (!d.hasDrift()) {
      return sb.append("No drift.\n").toString();
    }
    List<String[]> pk = packageRows(d);
    if (!pk.isEmpty()) {
      sb.append("\nPackages: ").append(packageCounts(d)).append('\n');
      columns(sb, pk);
    }
    List<String[]> vu = new ArrayList<>();
    d.vulnerabilitiesIntroduced().forEach(v -> vu.add(vulnRow("introduced", v)));
    d.vulnerabilitiesFixed().forEach(v -> vu.add(vulnRow("fixed", v)));
    if (!vu.isEmpty()) {
      sb.append("\nVulnerabilities: ").append(d.vulnerabilitiesIntroduced().size()).append(" introduced, ")
          .append(d.vulnerabilitiesFixed().size()).append(" fixed\n");
      columns(sb, vu);
    }
    List<String[]> cf = configRows(d.config());
    if (!cf.isEmpty()) {
      sb.append("\nConfig:\n");
      columns(sb, cf);
    }
    if (!d.setuidAdded().isEmpty()) {
      sb.append("\nSetuid/setgid files added:\n");
      List<String[]> rows = new ArrayList<>();
      d.setuidAdded().forEach(f -> rows.add(new String[] {f.path(), f.mode(), kind(f)}));
      columns(sb, rows);
    }
    if (d.layers().hasDrift()) {
      var l = d.layers();
      sb.append("\nLayers: ").append(l.oldCount()).append(" -> ").append(l.newCount()).append(", ")
          .append(l.oldSize()).append(" -> ").append(l.newSize()).append(" bytes\n");
      List<String[]> rows = new ArrayList<>();
      for (LayerRow r : l.rows()) {
        rows.add(new String[] {"#" + r.index(), r.status(), shortId(r.oldDiffId()), size(r.oldSize()), "->",
            shortId(r.newDiffId()), size(r.newSize())});
      }
      columns(sb, rows);
    }
    return sb.toString();
  }

  /** GitHub-flavoured Markdown: a heading, then a table or list per kind of change. */
  public static String markdown(DriftReport d) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Drift: `").append(d.oldTarget()).append("` → `").append(d.newTarget()).append("`\n");
    if (!d.hasDrift()) {
      return sb.append("\nNo drift.\n").toString();
    }
    List<String[]> pk = packageRows(d);
    if (!pk.isEmpty()) {
      sb.append("\n### Packages (").append(packageCounts(d)).append(")\n\n");
      sb.append("| Change | Ecosystem | Package | Old | New | Location |\n|---|---|---|---|---|---|\n");
      for (String[] r : pk) {
        sb.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(md(r[2])).append(" | ")
            .append(md(r[3])).append(" | ").append(md(r[5])).append(" | ").append(md(r[6])).append(" |\n");
      }
    }
    if (!d.vulnerabilitiesIntroduced().isEmpty() || !d.vulnerabilitiesFixed().isEmpty()) {
      sb.append("\n### Vulnerabilities (").append(d.vulnerabilitiesIntroduced().size()).append(" introduced, ")
          .append(d.vulnerabilitiesFixed().size()).append(" fixed)\n\n");
      sb.append("| Change | Id | Severity | Fixable | KEV | Package |\n|---|---|---|---|---|---|\n");
      List<String[]> vu = new ArrayList<>();
      d.vulnerabilitiesIntroduced().forEach(v -> vu.add(vulnRow("introduced", v)));
      d.vulnerabilitiesFixed().forEach(v -> vu.add(vulnRow("fixed", v)));
      for (String[] r : vu) {
        sb.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | ")
            .append(r[3].equals("fixable") ? "yes" : "no").append(" | ").append(r[4].equals("KEV") ? "yes" : "no")
            .append(" | `").append(r[5]).append("` |\n");
      }
    }
    List<String[]> cf = configRows(d.config());
    if (!cf.isEmpty()) {
      sb.append("\n### Config\n\n");
      cf.forEach(r -> sb.append("- ").append(r[0]).append(": ").append(md(r[1])).append('\n'));
    }
    if (!d.setuidAdded().isEmpty()) {
      sb.append("\n### Setuid/setgid files added\n\n");
      d.setuidAdded().forEach(f -> sb.append("- `").append(f.path()).append("` ").append(f.mode()).append(' ')
          .append(kind(f)).append('\n'));
    }
    if (d.layers().hasDrift()) {
      var l = d.layers();
      sb.append("\n### Layers (").append(l.oldCount()).append(" → ").append(l.newCount()).append(", ")
          .append(l.oldSize()).append(" → ").append(l.newSize()).append(" bytes)\n\n");
      sb.append("| # | Status | Old layer | Old size | New layer | New size |\n|---|---|---|---|---|---|\n");
      for (LayerRow r : l.rows()) {
        sb.append("| ").append(r.index()).append(" | ").append(r.status()).append(" | ").append(md(shortId(r.oldDiffId())))
            .append(" | ").append(size(r.oldSize())).append(" | ").append(md(shortId(r.newDiffId()))).append(" | ")
            .append(size(r.newSize())).append(" |\n");
      }
    }
    return sb.toString();
  }

  private static String packageCounts(DriftReport d) {
    return d.packagesAdded().size() + " added, " + d.packagesRemoved().size() + " removed, "
        + d.packagesUpgraded().size() + " upgraded, " + d.packagesDowngraded().size() + " downgraded, "
        + d.packagesChanged().size() + " changed";
  }

  /** change, ecosystem, name, old, "->", new, location. */
  private static List<String[]> packageRows(DriftReport d) {
    List<String[]> rows = new ArrayList<>();
    add(rows, "added", d.packagesAdded());
    add(rows, "removed", d.packagesRemoved());
    add(rows, "upgraded", d.packagesUpgraded());
    add(rows, "downgraded", d.packagesDowngraded());
    add(rows, "changed", d.packagesChanged());
    return rows;
  }

  private static void add(List<String[]> rows, String what, List<PackageChange> changes) {
    for (PackageChange c : changes) {
      String name = c.namespace() == null ? c.name() : c.namespace() + "/" + c.name();
      rows.add(new String[] {what, c.ecosystem().purlType(), name, dash(c.oldVersion()), "->", dash(c.newVersion()),
          c.location()});
    }
  }

  private static String[] vulnRow(String what, VulnChange v) {
    return new String[] {what, v.id(), String.valueOf(v.severity()), v.fixable() ? "fixable" : "no-fix",
        v.kev() ? "KEV" : "-", v.purl()};
  }

  private static List<String[]> configRows(ConfigDrift c) {
    List<String[]> rows = new ArrayList<>();
    if (c.user() != null) {
      rows.add(new String[] {"user", quote(c.user().oldUser()) + " -> " + quote(c.user().newUser())
          + (c.user().becameRoot() ? " (now root)" : "")});
    }
    c.portsAdded().forEach(p -> rows.add(new String[] {"port added", p}));
    c.portsRemoved().forEach(p -> rows.add(new String[] {"port removed", p}));
    c.envKeysAdded().forEach(k -> rows.add(new String[] {"env added", k}));
    c.envKeysRemoved().forEach(k -> rows.add(new String[] {"env removed", k}));
    if (c.entrypointChanged()) {
      rows.add(new String[] {"entrypoint", argv(c.oldEntrypoint()) + " -> " + argv(c.newEntrypoint())});
    }
    if (c.cmdChanged()) {
      rows.add(new String[] {"cmd", argv(c.oldCmd()) + " -> " + argv(c.newCmd())});
    }
    if (c.healthcheckAdded()) {
      rows.add(new String[] {"healthcheck", "added"});
    }
    if (c.healthcheckRemoved()) {
      rows.add(new String[] {"healthcheck", "removed"});
    }
    c.labelsAdded().forEach((k, v) -> rows.add(new String[] {"label added", k + "=" + v}));
    c.labelsRemoved().forEach(k -> rows.add(new String[] {"label removed", k}));
    c.labelsChanged().forEach(l -> rows.add(new String[] {"label changed",
        l.key() + ": " + l.oldValue() + " -> " + l.newValue()}));
    return rows;
  }

  private static void columns(StringBuilder sb, List<String[]> rows) {
    int n = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] w = new int[n];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(w[i] - r[i].length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String kind(SpecialFile f) {
    return f.setuid() && f.setgid() ? "setuid+setgid" : f.setuid() ? "setuid" : "setgid";
  }

  private static String argv(List<String> a) {
    return a == null ? "(none)" : "[" + String.join(", ", a.stream().map(DriftText::quote).toList()) + "]";
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }

  private static String size(Long s) {
    return s == null ? "-" : String.valueOf(s);
  }

  private static String shortId(String diffId) {
    if (diffId == null) {
      return "-";
    }
    String hex = diffId.startsWith("sha256:") ? diffId.substring(7) : diffId;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static String md(String s) {
    return s.replace("|", "\\|");
  }
}
