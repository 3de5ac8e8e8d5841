package dev.drydock.vulndb.feed;

import dev.drydock.model.InputFiles;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Imports a file or a directory tree into one source: every regular file is sniffed ({@link
 * FeedImporters}), gzip-compressed files are read through, and files no importer knows or that cannot
 * be read are listed as skipped with the reason; a directory with files none of which is a known feed is an
 * error (an empty directory imports nothing).
 * Given a single file instead of a directory, an unknown or unreadable file is an error.
 */
public final class DirectoryImport {

  private DirectoryImport() {}

  /**
   * Imports {@code path} (file or directory) into {@code out}, and records as the source's digest the SHA-256
   * of the file, or of a directory's listing of {@code <sha256 of file>  <relative path>} lines (sorted by
   * path, as {@code sha256sum} prints them), covering every file read, imported or skipped.
   */
  public static ImportReport run(Path path, SourceWriter out) {
    if (!Files.isDirectory(path)) {
      InputFiles.requireRegularFile(path, "feed file");
      MessageDigest md = sha256();
      ImportResult r = importFile(path, out, md).orElseThrow(
          () -> new FeedException(path + ": not a known vulnerability feed format"));
      out.digest(HexFormat.of().formatHex(md.digest()));
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
    StringBuilder listing = new StringBuilder();
    for (Path file : files) {
      MessageDigest md = sha256();
      try {
        Optional<ImportResult> r = importFile(file, out, md);
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
      listing.append(HexFormat.of().formatHex(md.digest())).append("  ")
          .append(path.relativize(file).toString().replace('\\', '/')).append('\n');
    }
    if (imported.isEmpty() && !files.isEmpty()) {
      // importing nothing and saying so with exit 0 would pass a scan that matched against no advisories
      throw new FeedException(path + ": no known vulnerability feed in this directory (" + files.size()
          + " files" + (skipped.isEmpty() ? "" : ", the first skipped: " + skipped.get(0)) + ")");
    }
    out.digest(HexFormat.of().formatHex(sha256().digest(listing.toString().getBytes(StandardCharsets.UTF_8))));
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Imports one file if an importer recognises it; every byte of the file goes through {@code md}, read to
   * the end even when the importer stops early.
   */
  static Optional<ImportResult> importFile(Path file, SourceWriter out, MessageDigest md) {
    String location = file.toString();
    try (InputStream raw = new BufferedInputStream(new DigestInputStream(Files.newInputStream(file), md), 1 << 16)) {
      try {
        // some parsers close what they read; the rest of the file must still be read for the digest
        return importStream(file, new java.io.FilterInputStream(raw) {
          @Override
          public void close() {
            // closed by the try-with-resources above
          }
        }, out);
      } finally {
        raw.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      throw new FeedException(location + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Optional<ImportResult> importStream(Path file, InputStream raw, SourceWriter out) throws IOException {
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
    return Optional.of(importer.get().importFrom(FeedLimit.of(importer.get(), in, file.toString()), file.toString(), out));
  }
}
