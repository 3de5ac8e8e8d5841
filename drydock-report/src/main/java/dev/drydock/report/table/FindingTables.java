package dev.drydock.report.table;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import dev.drydock.model.Vulnerability;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The "Misconfigurations", "Secrets" and "Suppressed" sections of the table report, printed only when there are
 * any.
 */
final class FindingTables {
  static final int MAX_TITLE = 80;
  static final int MAX_LOCATION = 64;
  private static final List<Severity> ORDER = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM,
      Severity.LOW, Severity.UNKNOWN);

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
    for (SuppressedFinding f : found) {
      String kind;
      String id;
      String where;
      if (f.vulnerability() != null) {
        Vulnerability v = f.vulnerability();
        kind = "vulnerability";
        id = v.id();
        where = namesByPurl.getOrDefault(v.purl(), v.packageName() == null ? "" : v.packageName())
            + (v.installedVersion() == null ? "" : " " + v.installedVersion());
      } else if (f.misconfiguration() != null) {
        Misconfiguration m = f.misconfiguration();
        kind = "misconfig";
        id = m.ruleId();
        where = location(m.file(), m.line(), m.column());
      } else {
        ExposedSecret s = f.secret();
        kind = "secret";
        id = s.ruleId();
        where = location(s.path(), s.line(), 0);
      }
      rows.add(new String[] {
        kind,
        TableReport.truncate(TableReport.oneLine(id), TableReport.MAX_NAME),
        TableReport.truncate(TableReport.oneLine(where), MAX_LOCATION),
        TableReport.truncate(TableReport.oneLine(f.by()), MAX_LOCATION),
        TableReport.truncate(TableReport.oneLine(f.reason()), MAX_TITLE)
      });
    }
    TableReport.printRows(w, "", rows);
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
