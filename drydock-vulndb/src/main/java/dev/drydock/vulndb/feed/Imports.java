package dev.drydock.vulndb.feed;

import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.vulndb.store.SourceWriter;
import dev.drydock.vulndb.store.StoreBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code drydock db import PATH...}: imports local feed files, directories and zips into the store in
 * {@code cacheDir}. Each path becomes one source named {@code import:<absolute path>}, so importing the
 * same path again replaces its earlier rows; other sources are kept. Any error aborts the whole build
 * and leaves the current store as it was; so does a path that yields no valid record (all records
 * invalid, or no file a feed), which would otherwise empty its source with exit 0. A second import into
 * the same cache waits for the first ({@link StoreBuilder#open}).
 */
public final class Imports {

  private Imports() {}

  public static ImportReport importPaths(List<Path> paths, Path cacheDir) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new DrydockException(p + ": no such file or directory");
      }
      if (!Files.isDirectory(p)) {
        InputFiles.requireRegularFile(p, "feed file"); // a FIFO would block, /dev/zero never ends
      }
    }
    List<ImportReport> reports = new ArrayList<>();
    try (StoreBuilder builder = StoreBuilder.open(cacheDir)) {
      for (Path p : paths) {
        Path abs = p.toAbsolutePath().normalize();
        String kind = Files.isDirectory(abs) ? "directory" : "file";
        try (SourceWriter out = builder.beginSource("import:" + abs, kind, abs.toString(), null, null, null)) {
          ImportReport report = DirectoryImport.run(abs, out);
          if (report.records() == 0) {
            throw nothingValid(abs, report);
          }
          reports.add(report);
        }
      }
      builder.commit();
    }
    return ImportReport.merge(reports);
  }

  private static FeedException nothingValid(Path path, ImportReport report) {
    List<Skipped> skipped = report.skipped();
    return new FeedException(path + ": no valid record to import (" + skipped.size() + " skipped"
        + (skipped.isEmpty() ? "" : ", the first: " + FeedException.oneLine(skipped.get(0).toString()))
        + "); the store is unchanged");
  }
}
