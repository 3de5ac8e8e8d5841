package dev.drydock.vulndb.feed.redhat;

import dev.drydock.vulndb.feed.CsafArchive;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.store.SourceWriter;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Red Hat's archive of every CSAF VEX document ({@code csaf_vex_<date>.tar.zst} beside the documents at
 * https://security.access.redhat.com/data/csaf/v2/vex/; feed format {@code redhat-csaf-vex-tar-zst}): each
 * {@code .json} entry is one document, read by {@link RedHatCsafImporter}. A document that cannot be read is
 * skipped with one line naming the archive and the entry; the rest of the archive is imported. A truncated or
 * corrupt archive fails the import (the store keeps its previous data).
 */
public final class RedHatCsafArchiveImporter implements FeedImporter {
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
    return CsafArchive.importDocuments(in, ZstdInputStream::new, "tar.zst", DOCUMENT, format(), location, out);
  }
}
