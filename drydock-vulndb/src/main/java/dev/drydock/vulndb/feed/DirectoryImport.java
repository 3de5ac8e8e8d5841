package dev.drydock.vulndb.feed;

import dev.drydock.vulndb.store.SourceWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Imports a file or a directory tree into one source: every regular file is sniffed ({@link
 * FeedImporters}), gzip-compressed files are read through, and files no importer knows or that cannot
 * be read are listed as skipped with the reason; a directory in which no file is a known feed is an error.
 * Given a single file instead of a directory, an unknown or unreadable file is an error.
 */
public final class DirectoryImport {

  private DirectoryImport() {}

  /** Imports {@code path} (file or directory) into {@code out}. */
  public static ImportReport run(Path path, SourceWriter out) {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new FeedException(path + ": no such file or directory");
      }
      ImportResult r = importFile(path, out).orElseThrow(
          () -> new FeedException(path + ": not a known vulnerability feed format"));
      return new ImportReport(List.of(r), r.skipped());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> !isHidden(path.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new FeedException(path + ": cannot list directory: " + e.getMessage(), e);
    }
    List<ImportResult> imported = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Path file : files) {
      try {
        Optional<ImportResult> r = importFile(file, out);
        if (r.isEmpty()) {
          skipped.add(new Skipped(file.toString(), "unknown format"));
          out.addSkipped(1);
        } else {
          imported.add(r.get());
          skipped.addAll(r.get().skipped());
        }
      } catch (FeedException e) {
        skipped.add(new Skipped(file.toString(), reason(e.getMessage(), file.toString())));
        out.addSkipped(1);
      }
    }
    if (imported.isEmpty()) {
      // importing nothing and saying so with exit 0 would pass a scan that matched against no advisories
      throw new FeedException(path + ": no known vulnerability feed in this directory (" + files.size()
          + " files" + (skipped.isEmpty() ? "" : ", the first skipped: " + skipped.get(0)) + ")");
    }
    return new ImportReport(imported, skipped);
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String reason(String message, String location) {
    return message.startsWith(location + ": ") ? message.substring(location.length() + 2) : message;
  }

  /** Imports one file if an importer recognises it. */
  static Optional<ImportResult> importFile(Path file, SourceWriter out) {
    String location = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      InputStream in = raw;
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
      }
      in.mark(FeedImporter.HEAD_BYTES);
      byte[] head = in.readNBytes(FeedImporter.HEAD_BYTES);
      in.reset();
      Optional<FeedImporter> importer = FeedImporters.sniff(file.getFileName().toString(), head);
      if (importer.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(importer.get().importFrom(in, location, out));
    } catch (IOException e) {
      throw new FeedException(location + ": cannot read: " + e.getMessage(), e);
    }
  }
}
