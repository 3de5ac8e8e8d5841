package dev.drydock.report.table;

import dev.drydock.model.InstalledPackage;
import dev.drydock.model.LayerInfo;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.Findings;
import dev.drydock.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text summary for people, findings first: target and OS, a summary line of the vulnerability findings
 * and a table of them in the order given (the matcher sorts by risk), the misconfigurations and secrets, the
 * suppressed findings when the result holds them ({@code --show-suppressed}), then one line per layer and the
 * package count, with a table of the packages (NAME VERSION TYPE LAYER) only when asked
 * ({@code --list-packages}, as Trivy's {@code --list-all-pkgs}), and the warnings. Column widths are fitted to
 * the content and long values truncated.
 */
public final class TableReport implements ReportFormat {
  static final int MAX_NAME = 48;
  static final int MAX_VERSION = 32;
  static final int MAX_COMMAND = 72;
  private static final String GAP = "  ";

  private final boolean listPackages;

  /** The table without the package list (findings, layers and the package count). */
  public TableReport() {
    this(false);
  }

  /** The table, with the package list when {@code listPackages}. */
  public TableReport(boolean listPackages) {
    this.listPackages = listPackages;
  }

  @Override
  public String name() {
    return "table";
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    target(w, result.target());
    boolean inventory = inventory(result);
    boolean web = result.web() != null;
    if (web) {
      web(w, result.web());
    }
    if (inventory) {
      if (!web) {
        w.println("OS: " + os(result.os()));
      }
      vulnerabilities(w, result);
      CoverageTable.notChecked(w, result);
      CoverageTable.advisoryData(w, result);
    }
    FindingTables.misconfigurations(w, result.misconfigurations());
    FindingTables.secrets(w, result.secrets());
    FindingTables.otherKinds(w, result);
    FindingTables.suppressed(w, result.suppressed(), names(result));
    if (inventory && !web) {
      layers(w, result);
      packages(w, result.packages());
    }
    List<String> warnings = result.warnings().stream().filter(x -> !CoverageTable.repeats(result, x)).toList();
    if (!warnings.isEmpty()) {
      w.println();
      w.println("Warnings:");
      for (String warning : warnings) {
        w.println("  " + oneLine(warning));
      }
    }
    w.flush();
    if (w.checkError()) {
      throw new IOException("could not write the table report");
    }
  }

  /** Whether the result comes from an image or directory scan (not drydock config, host, git, ...). */
  /** What {@code drydock web} covered and its MDN HTTP Observatory score. */
  private static void web(PrintWriter w, dev.drydock.model.WebScan web) {
    w.println("Web: " + web.pages() + " pages, " + web.requests() + " requests (GET/HEAD, " + web.origin()
        + " only) in " + web.millis() + " ms" + (web.complete() ? ", complete" : ", stopped by " + web.stoppedBy()));
    if (web.score() != null) {
      w.println("Observatory score: " + web.score() + " (" + web.grade() + ")");
      for (String t : web.scoreTests()) {
        w.println("  " + oneLine(t));
      }
    }
  }

  private static boolean inventory(ScanResult result) {
    String kind = result.target() == null ? null : result.target().kind();
    return kind == null || !java.util.Set.of("config", "host", "git", "secrets").contains(kind);
  }

  private static void target(PrintWriter w, Target target) {
    if (target == null) {
      return;
    }
    StringBuilder line = new StringBuilder("Target: ").append(oneLine(target.name()));
    if (target.kind() != null) {
      line.append(" (").append(target.kind()).append(')');
    }
    if (!target.repoTags().isEmpty()) {
      line.append("  ").append(String.join(", ", target.repoTags()));
    }
    if (target.platform() != null) {
      line.append("  ").append(target.platform());
    }
    w.println(line);
  }

  static String os(OsInfo os) {
    if (os == null) {
      return "unknown";
    }
    String id = join(os.family(), os.versionId());
    if (os.prettyName() != null && !os.prettyName().isBlank()) {
      return id.isEmpty() ? oneLine(os.prettyName()) : oneLine(os.prettyName()) + " [" + id + "]";
    }
    return id.isEmpty() ? "unknown" : id;
  }

  private static void layers(PrintWriter w, ScanResult result) {
    if (result.layers().isEmpty()) {
      return;
    }
    w.println();
    w.println("Layers:");
    List<String[]> rows = new ArrayList<>();
    for (LayerInfo layer : result.layers()) {
      long count = result.packages().stream().filter(p -> p.layerIndex() == layer.index()).count();
      rows.add(new String[] {
        "#" + layer.index(),
        shortDigest(layer.diffId()),
        count + (count == 1 ? " pkg" : " pkgs"),
        layer.cached() ? "cache" : "analysed",
        truncate(command(layer.createdBy()), MAX_COMMAND)
      });
    }
    printRows(w, "  ", rows);
  }

  private void packages(PrintWriter w, List<InstalledPackage> packages) {
    w.println();
    if (packages.isEmpty()) {
      w.println("No packages found.");
      return;
    }
    if (!listPackages) {
      w.println("Packages: " + packages.size() + " (--list-packages lists them)");
      return;
    }
    w.println("Packages: " + packages.size());
    List<InstalledPackage> sorted = new ArrayList<>(packages);
    sorted.sort(Comparator.comparing((InstalledPackage p) -> p.pkg().ecosystem().purlType())
        .thenComparing(p -> displayName(p.pkg()))
        .thenComparing(p -> p.pkg().version() == null ? "" : p.pkg().version()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "VERSION", "TYPE", "LAYER"});
    for (InstalledPackage p : sorted) {
      rows.add(new String[] {
        truncate(displayName(p.pkg()), MAX_NAME),
        truncate(p.pkg().version() == null ? "-" : oneLine(p.pkg().version()), MAX_VERSION),
        p.pkg().ecosystem().purlType(),
        p.layerIndex() < 0 ? "-" : "#" + p.layerIndex()
      });
    }
    printRows(w, "", rows);
  }

  private static void vulnerabilities(PrintWriter w, ScanResult result) {
    List<Vulnerability> vulns = result.vulnerabilities();
    w.println();
    w.println(vulnerabilitySummary(vulns));
    if (vulns.isEmpty()) {
      return;
    }
    Map<String, String> names = names(result);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "SEVERITY", "EPSS", "KEV", "LAYER"});
    for (Vulnerability v : vulns) {
      String name = names.getOrDefault(v.purl(), v.packageName());
      rows.add(new String[] {
        truncate(oneLine(v.id()), MAX_NAME),
        truncate(oneLine(name), MAX_NAME),
        truncate(v.installedVersion() == null ? "-" : oneLine(v.installedVersion()), MAX_VERSION),
        v.fixedVersions().isEmpty() ? "-" : truncate(oneLine(String.join(", ", v.fixedVersions())), MAX_VERSION),
        v.status() == null ? "-" : v.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
        Findings.summarySeverity(v).name(),
        v.epss() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v.epss() * 100),
        v.kev() ? "yes" : "",
        v.layerIndex() < 0 ? "-" : "#" + v.layerIndex()
      });
    }
    printRows(w, "", rows);
  }

  /** The display name of each installed package, by purl (a Debian finding names the source package). */
  static Map<String, String> names(ScanResult result) {
    Map<String, String> names = new HashMap<>();
    for (InstalledPackage p : result.packages()) {
      if (p.purl() != null) {
        names.putIfAbsent(p.purl(), displayName(p.pkg()));
      }
    }
    return names;
  }

  /**
   * {@code Vulnerabilities: N (CRITICAL: a, HIGH: b, MEDIUM: c, LOW: d, UNKNOWN: e), fixable: f, known
   * exploited: k}.
   */
  static String vulnerabilitySummary(List<Vulnerability> vulns) {
    Map<Severity, Integer> counts = Findings.countBySeverity(vulns);
    StringBuilder line = new StringBuilder("Vulnerabilities: ").append(vulns.size()).append(" (");
    for (int i = 0; i < Findings.SUMMARY_ORDER.size(); i++) {
      Severity severity = Findings.SUMMARY_ORDER.get(i);
      line.append(i == 0 ? "" : ", ").append(severity).append(": ").append(counts.get(severity));
    }
    long fixable = vulns.stream().filter(Vulnerability::fixable).count();
    long exploited = vulns.stream().filter(Vulnerability::kev).count();
    return line.append("), fixable: ").append(fixable).append(", known exploited: ").append(exploited).toString();
  }

  /** How people write the name: Maven {@code group:artifact}, npm {@code @scope/name}, else {@code ns/name}. */
  static String displayName(Package pkg) {
    String name = oneLine(pkg.name());
    if (pkg.namespace() == null || pkg.namespace().isEmpty()) {
      return name;
    }
    return switch (pkg.ecosystem()) {
      case MAVEN -> pkg.namespace() + ":" + name;
      case NPM -> "@" + pkg.namespace() + "/" + name;
      default -> pkg.namespace() + "/" + name;
    };
  }

  /** The history command without Docker's shell wrapper: {@code /bin/sh -c apt-get ...} becomes {@code RUN apt-get ...}. */
  static String command(String createdBy) {
    if (createdBy == null || createdBy.isBlank()) {
      return "";
    }
    String c = oneLine(createdBy);
    if (c.startsWith("/bin/sh -c #(nop)")) {
      c = c.substring("/bin/sh -c #(nop)".length()).strip();
    } else if (c.startsWith("/bin/sh -c ")) {
      c = "RUN " + c.substring("/bin/sh -c ".length()).strip();
    } else if (c.startsWith("RUN /bin/sh -c ")) {
      c = "RUN " + c.substring("RUN /bin/sh -c ".length()).strip();
    }
    if (c.endsWith("# buildkit")) {
      c = c.substring(0, c.length() - "# buildkit".length()).strip();
    }
    return c;
  }

  static String shortDigest(String digest) {
    if (digest == null) {
      return "-";
    }
    int colon = digest.indexOf(':');
    String algorithm = colon < 0 ? "" : digest.substring(0, colon + 1);
    String hex = digest.substring(colon + 1);
    return algorithm + (hex.length() > 12 ? hex.substring(0, 12) : hex);
  }

  static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - 3) + "...";
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }

  private static String join(String a, String b) {
    return ((a == null ? "" : a) + " " + (b == null ? "" : b)).strip();
  }

  /** Left-aligned columns separated by two spaces; the last column is not padded. */
  static void printRows(PrintWriter w, String indent, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - row[i].length())).append(GAP);
        }
      }
      w.println(line.toString().stripTrailing());
    }
  }
}
