package dev.drydock.vulndb.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of importing files, directories and zips: one {@link ImportResult} per imported file
 * and every file or record that was skipped, with its reason.
 */
public record ImportReport(List<ImportResult> imported, List<Skipped> skipped) {

  public ImportReport {
    imported = List.copyOf(imported);
    skipped = List.copyOf(skipped);
  }

  /** Records written, over all files. */
  public long records() {
    return imported.stream().mapToLong(ImportResult::records).sum();
  }

  /** Files imported. */
  public int files() {
    return imported.size();
  }

  static ImportReport merge(List<ImportReport> reports) {
    List<ImportResult> imported = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (ImportReport r : reports) {
      imported.addAll(r.imported());
      skipped.addAll(r.skipped());
    }
    return new ImportReport(imported, skipped);
  }
}
