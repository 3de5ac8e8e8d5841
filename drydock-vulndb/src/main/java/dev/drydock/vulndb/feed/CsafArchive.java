package dev.drydock.vulndb.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CSAF VEX as vendors publish it: one document ({@link #readVexDocument}), or a vendor's archive of CSAF VEX documents (Red Hat's {@code csaf_vex_<date>.tar.zst}, SUSE's
 * {@code csaf-vex.tar.bz2}): a tar of one JSON document per CVE, read entry by entry. A document that cannot be read
 * is skipped with one line naming {@code <archive>!<entry>}; a truncated or corrupt archive fails the import (the
 * store keeps its previous data).
 */
public final class CsafArchive {
  /** The largest document read; real ones are at most a few MiB. */
  public static final long MAX_DOCUMENT = 256L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  private CsafArchive() {}

  /**
   * One CSAF VEX document (Red Hat's, SUSE's): JSON whose {@code document.category} is {@code csaf_vex}, else a
   * one-line {@link FeedException} naming {@code location}.
   */
  public static JsonNode readVexDocument(InputStream in, String location) throws IOException {
    JsonNode doc;
    try {
      doc = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw FeedException.malformed(location, "CSAF JSON", e);
    }
    if (doc == null || !doc.isObject() || !"csaf_vex".equals(doc.path("document").path("category").asText())) {
      throw new FeedException(location + ": not a CSAF VEX document (document.category is not csaf_vex)");
    }
    return doc;
  }

  /** Opens the decompressing stream over the archive's bytes (zstd, bzip2); its failures are the archive's. */
  @FunctionalInterface
  public interface Decompressor {
    InputStream open(InputStream compressed) throws IOException;
  }

  /**
   * Imports every {@code .json} entry of the tar that {@code decompressor} reads from {@code in} with
   * {@code document}.
   *
   * @param kind the archive's kind as messages name it ({@code tar.zst}, {@code tar.bz2})
   * @param format the result's format name
   */
  public static ImportResult importDocuments(InputStream in, Decompressor decompressor, String kind,
      FeedImporter document, String format, String location, SourceWriter out) {
    List<Skipped> skipped = new ArrayList<>();
    long records = 0;
    int documents = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressor.open(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isFile() || !e.getName().endsWith(".json")) {
          continue;
        }
        String where = location + "!" + e.getName();
        if (e.getSize() > MAX_DOCUMENT) {
          skipped.add(new Skipped(where, "document larger than " + MAX_DOCUMENT + " bytes"));
          out.addSkipped(1);
          continue;
        }
        byte[] doc = tar.readNBytes((int) e.getSize());
        if (doc.length != e.getSize()) {
          throw new FeedException(location + ": truncated " + kind + " archive (in " + e.getName() + ")");
        }
        documents++;
        try {
          ImportResult r = document.importFrom(new ByteArrayInputStream(doc), where, out);
          records += r.records();
          skipped.addAll(r.skipped());
        } catch (FeedException bad) {
          String m = bad.getMessage();
          skipped.add(new Skipped(where, FeedException.oneLine(m.startsWith(where + ": ")
              ? m.substring(where.length() + 2) : m)));
          out.addSkipped(1);
        }
      }
    } catch (FeedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FeedException(location + ": truncated or corrupt " + kind + " archive: "
          + FeedException.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    if (documents == 0) {
      throw new FeedException(location + ": no CSAF VEX document (.json entry) in the archive");
    }
    return new ImportResult(format, location, records, skipped);
  }
}
