package dev.drydock.vulndb.feed.suse;

import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * SUSE's archive of every CSAF VEX document (https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2, feed
 * {@code suse-csaf-vex}, format {@code suse-csaf-vex-tar-bz2}; a few hundred MiB): each {@code .json} entry is one
 * document, read by {@link SuseCsafImporter}. A document that cannot be read is skipped with one line naming the
 * archive and the entry; the rest of the archive is imported. A truncated or corrupt archive fails the import (the
 * store keeps its previous data).
 */
public final class SuseCsafArchiveImporter implements FeedImporter {

  /** The largest real documents (kernel CVEs) are a few MiB. */
  static final long MAX_DOCUMENT = 256L * 1024 * 1024;

  private static final SuseCsafImporter DOCUMENT = new SuseCsafImporter();

  @Override
  public String format() {
    return "suse-csaf-vex-archive";
  }

  /** A bzip2 stream named like SUSE's archive: the contents cannot be sniffed without decompressing. */
  @Override
  public boolean recognises(String fileName, byte[] head) {
    String name = fileName.toLowerCase(Locale.ROOT);
    boolean bzip2 = head.length >= 4 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1'
        && head[3] <= '9';
    return bzip2 && name.endsWith(".tar.bz2") && (name.contains("csaf") || name.contains("vex"));
  }

  @Override
  public long maxBytes() {
    return 4L << 30;
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    long records = 0;
    int documents = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BZip2CompressorInputStream(in, true))) {
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
          throw new FeedException(location + ": truncated tar.bz2 archive (in " + e.getName() + ")");
        }
        documents++;
        try {
          ImportResult r = DOCUMENT.importFrom(new ByteArrayInputStream(doc), where, out);
          records += r.records();
          skipped.addAll(r.skipped());
        } catch (FeedException bad) {
          String m = bad.getMessage();
          skipped.add(new Skipped(where, FeedException.oneLine(m.startsWith(where + ": ") ? m.substring(where.length() + 2)
              : m)));
          out.addSkipped(1);
        }
      }
    } catch (FeedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FeedException(location + ": truncated or corrupt tar.bz2 archive: "
          + FeedException.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    if (documents == 0) {
      throw new FeedException(location + ": no CSAF VEX document (.json entry) in the archive");
    }
    return new ImportResult(format(), location, records, skipped);
  }
}
