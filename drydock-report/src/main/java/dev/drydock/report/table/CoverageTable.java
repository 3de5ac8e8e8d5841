package dev.drydock.report.table;

import dev.drydock.model.AdvisoryData;
import dev.drydock.model.Coverage;
import dev.drydock.model.ScanResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The table report's account of what the vulnerability verdict rests on: a NOT CHECKED section naming every
 * package family no advisory data covered (their packages have unknown vulnerabilities, not none), and the
 * advisory sources matched with, their data and import dates.
 */
final class CoverageTable {
  private CoverageTable() {}

  /** NOT CHECKED lines, when some family was not checked. */
  static void notChecked(PrintWriter w, ScanResult result) {
    List<Coverage> missing = result.notChecked();
    if (missing.isEmpty()) {
      return;
    }
    int packages = missing.stream().mapToInt(Coverage::packages).sum();
    w.println();
    w.println(packages == 0 ? "NOT CHECKED: there was no advisory data; vulnerabilities are unknown, not absent:"
        : "NOT CHECKED: " + packages + (packages == 1 ? " package" : " packages")
            + " had no advisory data; their vulnerabilities are unknown, not absent:");
    for (Coverage c : missing) {
      w.println("  " + TableReport.oneLine(c.reason() != null ? c.reason() : c.family()));
    }
  }

  /** One line per advisory source: name, data date, import date, records. */
  static void advisoryData(PrintWriter w, ScanResult result) {
    if (result.advisoryData().isEmpty()) {
      return;
    }
    w.println();
    w.println("Advisory data:");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SOURCE", "DATA DATE", "IMPORTED", "RECORDS"});
    for (AdvisoryData d : result.advisoryData()) {
      rows.add(new String[] {
        TableReport.truncate(TableReport.oneLine(d.source()), 2 * TableReport.MAX_NAME),
        d.dataDate() == null ? "unknown" : day(d.dataDate()),
        d.importedAt() == null ? "unknown" : day(d.importedAt()),
        Long.toString(d.records())
      });
    }
    TableReport.printRows(w, "  ", rows);
  }

  /** Whether a warning only repeats a NOT CHECKED line. */
  static boolean repeats(ScanResult result, String warning) {
    return result.notChecked().stream().anyMatch(c -> warning.equals(c.reason()));
  }

  private static String day(String isoDateOrInstant) {
    return isoDateOrInstant.length() >= 10 ? isoDateOrInstant.substring(0, 10) : isoDateOrInstant;
  }
}
