package dev.drydock.vulndb.feed;

import dev.drydock.model.DrydockException;
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
 * and leaves the current store as it was.
 */
public final class Imports {

  private Imports() {}

  public static ImportReport importPaths(List<Path> paths, Path cacheDir) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new DrydockException(p + ": no such file or directory");
      }
    }
    List<ImportReport> reports = new ArrayList<>();
    try (StoreBuilder builder = StoreBuilder.open(cacheDir)) {
      for (Path p : paths) {
        Path abs = p.toAbsolutePath().normalize();
        String kind = Files.isDirectory(abs) ? "directory" : "file";
        try (SourceWriter out = builder.beginSource("import:" + abs, kind, abs.toString(), null, null, null)) {
          reports.add(DirectoryImport.run(abs, out));
        }
      }
      builder.commit();
    }
    return ImportReport.merge(reports);
  }
}
