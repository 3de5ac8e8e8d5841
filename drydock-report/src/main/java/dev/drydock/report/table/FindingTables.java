package dev.drydock.report.table;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Finding;
import dev.drydock.model.FindingKind;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.model.Vulnerability;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "Misconfigurations", "Secrets" and "Suppressed" sections of the table report, and one of rule, severity,
 * location and title for any newer kind of finding, printed only when there are any.
 */
final class FindingTables {
  static final int MAX_TITLE = 80;
  static final int MAX_LOCATION = 64;
  private static final List<Severity> ORDER = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM,
      Severity.LOW, Severity.UNKNOWN);

  /** The kinds with sections (and columns) of their own. */
  private static final Set<FindingKind> OWN_SECTIONS =
      EnumSet.of(FindingKind.VULNERABILITY, FindingKind.MISCONFIGURATION, FindingKind.SECRET);

  private FindingTables() {}

  static void misconfigurations(PrintWriter w, List<Misconfiguration> found) {
    if (found.isEmpty()) {
      return;
    }
    w.println();
    w.println("Misconfigurations: " + found.size() + counts(found.stream().map(Misconfiguration::severity).toList()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"RULE", "SEVERITY", "LOCATION", "TITLE", "RESOURCE"});
    // most severe first; within a severity, the order the checks reported (file, then line)
    List<Misconfiguration> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparing((Misconfiguration m) -> m.severity() == null ? Severity.UNKNOWN
        : m.severity()).reversed());
    for (Misconfiguration m : sorted) {
      rows.add(new String[] {
        TableReport.oneLine(m.ruleId()),
        severity(m.severity()),
        TableReport.truncate(location(m.file(), m.line(), m.column()), MAX_LOCATION),
        TableReport.truncate(TableReport.oneLine(m.title()), MAX_TITLE),
        m.resource() == null ? "-" : TableReport.truncate(TableReport.oneLine(m.resource()), TableReport.MAX_NAME)
      });
    }
    TableReport.printRows(w, "", rows);
  }

  static void secrets(PrintWriter w, List<ExposedSecret> found) {
    if (found.isEmpty()) {
      return;
    }
    w.println();
    w.println("Secrets: " + found.size() + counts(found.stream().map(ExposedSecret::severity).toList()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"RULE", "SEVERITY", "CATEGORY", "LOCATION", "SECRET", "LAYER", "DELETED", "COMMIT"});
    List<ExposedSecret> sorted = new ArrayList<>(found);
    sorted.sort(java.util.Comparator.comparing((ExposedSecret x) -> x.severity() == null ? Severity.UNKNOWN
        : x.severity()).reversed());
    for (ExposedSecret s : sorted) {
      rows.add(new String[] {
        TableReport.oneLine(s.ruleId()),
        severity(s.severity()),
        s.category() == null ? "-" : TableReport.oneLine(s.category()),
        TableReport.truncate(location(s.path(), s.line(), 0), MAX_LOCATION),
        TableReport.oneLine(s.redacted()),
        s.layerDiffId() == null ? "-" : TableReport.shortDigest(s.layerDiffId()),
        s.deleted() ? "deleted" : "",
        s.commit() == null ? "" : s.commit().substring(0, Math.min(12, s.commit().length()))
      });
    }
    TableReport.printRows(w, "", rows);
  }

  /**
   * The findings an ignore file or VEX suppressed (in the result only with {@code --show-suppressed}): kind, id,
   * where, what suppressed it and why.
   */
  static void suppressed(PrintWriter w, List<SuppressedFinding> found, Map<String, String> namesByPurl) {
    if (found.isEmpty()) {
      return;
    }
    w.println();
    w.println("Suppressed: " + found.size());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"KIND", "ID", "WHERE", "BY", "REASON"});
    for (SuppressedFinding s : found) {
      Finding f = s.finding();
      rows.add(new String[] {
        f.kind() == FindingKind.MISCONFIGURATION ? "misconfig" : f.kind().id(),
        TableReport.truncate(TableReport.oneLine(f.ruleId()), TableReport.MAX_NAME),
        TableReport.truncate(TableReport.oneLine(where(f, namesByPurl)), MAX_LOCATION),
        TableReport.truncate(TableReport.oneLine(s.by()), MAX_LOCATION),
        TableReport.truncate(TableReport.oneLine(s.reason()), MAX_TITLE)
      });
    }
    TableReport.printRows(w, "", rows);
  }

  /**
   * Where a finding is: the package's display name and installed version for a vulnerability, {@code file:line:column}
   * for a misconfiguration, {@code file:line} for a secret, else {@link Finding#location()}.
   */
  private static String where(Finding f, Map<String, String> namesByPurl) {
    if (f instanceof Vulnerability v) {
      return namesByPurl.getOrDefault(v.purl(), v.packageName() == null ? "" : v.packageName())
          + (v.installedVersion() == null ? "" : " " + v.installedVersion());
    }
    if (f instanceof Misconfiguration m) {
      return location(m.file(), m.line(), m.column());
    }
    if (f instanceof ExposedSecret x) {
      return location(x.path(), x.line(), 0);
    }
    return f.location();
  }

  /**
   * A section per kind of finding that has no section of its own (vulnerabilities, misconfigurations and secrets
   * have theirs): rule, severity, location and title, most severe first. Prints nothing for today's kinds.
   */
  static void otherKinds(PrintWriter w, ScanResult result) {
    for (FindingKind kind : FindingKind.values()) {
      List<Finding> found = result.findings(kind);
      if (OWN_SECTIONS.contains(kind) || found.isEmpty()) {
        continue;
      }
      w.println();
      String name = kind.id().replace('-', ' ');
      w.println(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "s: " + found.size()
          + counts(found.stream().map(Finding::severity).toList()));
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"RULE", "SEVERITY", "LOCATION", "TITLE"});
      List<Finding> sorted = new ArrayList<>(found);
      sorted.sort(java.util.Comparator.comparing((Finding f) -> f.severity() == null ? Severity.UNKNOWN
          : f.severity()).reversed());
      for (Finding f : sorted) {
        rows.add(new String[] {
          TableReport.oneLine(f.ruleId()),
          severity(f.severity()),
          TableReport.truncate(TableReport.oneLine(f.location()), MAX_LOCATION),
          TableReport.truncate(TableReport.oneLine(f.title()), MAX_TITLE)
        });
      }
      TableReport.printRows(w, "", rows);
    }
  }

  /** {@code file:line:column}, leaving out a line or column of 0. */
  static String location(String file, int line, int column) {
    String f = TableReport.oneLine(file);
    if (line <= 0) {
      return f;
    }
    return column <= 0 ? f + ":" + line : f + ":" + line + ":" + column;
  }

  private static String severity(Severity s) {
    return s == null ? Severity.UNKNOWN.name() : s.name();
  }

  private static String counts(List<Severity> severities) {
    Map<Severity, Integer> n = new EnumMap<>(Severity.class);
    severities.forEach(s -> n.merge(s == null || s == Severity.NONE ? Severity.UNKNOWN : s, 1, Integer::sum));
    StringBuilder sb = new StringBuilder(" (");
    for (int i = 0; i < ORDER.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(ORDER.get(i)).append(": ").append(n.getOrDefault(ORDER.get(i), 0));
    }
    return sb.append(')').toString();
  }
}
