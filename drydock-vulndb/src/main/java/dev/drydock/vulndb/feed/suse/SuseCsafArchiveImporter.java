package dev.drydock.vulndb.feed.suse;

import dev.drydock.vulndb.feed.CsafArchive;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * SUSE's archive of every CSAF VEX document (https://ftp.suse.com/pub/projects/security/csaf-vex.tar.bz2, feed
 * {@code suse-csaf-vex}, format {@code suse-csaf-vex-tar-bz2}; a few hundred MiB): each {@code .json} entry is one
 * document, read by {@link SuseCsafImporter}. A document that cannot be read is skipped with one line naming the
 * archive and the entry; the rest of the archive is imported. A truncated or corrupt archive fails the import (the
 * store keeps its previous data).
 */
public final class SuseCsafArchiveImporter implements FeedImporter {
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
    return CsafArchive.importDocuments(in, c -> new BZip2CompressorInputStream(c, true), "tar.bz2", DOCUMENT, format(), location, out);
  }
}
