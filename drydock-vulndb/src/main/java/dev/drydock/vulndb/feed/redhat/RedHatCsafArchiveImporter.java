package dev.drydock.vulndb.feed.redhat;

import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.SourceWriter;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Red Hat's archive of every CSAF VEX document ({@code csaf_vex_<date>.tar.zst} beside the documents at
 * https://security.access.redhat.com/data/csaf/v2/vex/; feed format {@code redhat-csaf-vex-tar-zst}): each
 * {@code .json} entry is one document, read by {@link RedHatCsafImporter}. A document that cannot be read is
 * skipped with one line naming the archive and the entry; the rest of the archive is imported. A truncated or
 * corrupt archive fails the import (the store keeps its previous data).
 */
public final class RedHatCsafArchiveImporter implements FeedImporter {

  /** The largest real documents (kernel) are some tens of MiB. */
  static final long MAX_DOCUMENT = 256L * 1024 * 1024;

  private static final RedHatCsafImporter DOCUMENT = new RedHatCsafImporter();

  @Override
  public String format() {
    return "redhat-csaf-vex-archive";
  }

  /** A zstd stream named like Red Hat's archive: the contents cannot be sniffed without decompressing. */
  @Override
  public boolean recognises(String fileName, byte[] head) {
    String name = fileName.toLowerCase(Locale.ROOT);
    boolean zstd = head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd;
    return zstd && name.endsWith(".tar.zst") && (name.contains("csaf") || name.contains("vex"));
  }

  /** The archive of all documents is a few hundred MiB compressed. */
  @Override
  public long maxBytes() {
    return 4L << 30;
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    List<Skipped> skipped = new ArrayList<>();
    long records = 0;
    int documents = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(in))) {
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
          throw new FeedException(location + ": truncated tar.zst archive (in " + e.getName() + ")");
        }
        documents++;
        try {
          ImportResult r = DOCUMENT.importFrom(new ByteArrayInputStream(doc), where, out);
          records += r.records();
          skipped.addAll(r.skipped());
        } catch (FeedException bad) {
          skipped.add(new Skipped(where, FeedException.oneLine(bad.getMessage().startsWith(where + ": ")
              ? bad.getMessage().substring(where.length() + 2) : bad.getMessage())));
          out.addSkipped(1);
        }
      }
    } catch (FeedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FeedException(location + ": truncated or corrupt tar.zst archive: "
          + FeedException.oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    if (documents == 0) {
      throw new FeedException(location + ": no CSAF VEX document (.json entry) in the archive");
    }
    return new ImportResult(format(), location, records, skipped);
  }
}
