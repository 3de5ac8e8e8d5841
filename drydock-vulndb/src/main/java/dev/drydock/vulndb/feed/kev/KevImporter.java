package dev.drydock.vulndb.feed.kev;

import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.InputStream;

/** The CISA KEV catalogue as a feed of the store. */
public final class KevImporter implements FeedImporter {
  /** The CISA catalogue is about 1.5 MiB; 64 MiB bounds the whole-file parse. */
  @Override
  public long maxBytes() {
    return 64L * 1024 * 1024;
  }

  @Override
  public String format() {
    return "kev-json";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    return KevParser.recognises(head);
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) {
    KevParser.Summary s = KevParser.parse(in, location, out::addKev);
    out.addSkipped(s.malformed());
    // the catalogue's release time; its version (YYYY.MM.DD) when an excerpt has no dateReleased
    out.dataDate("kev", s.dateReleased() != null ? s.dateReleased() : s.catalogVersion().replace('.', '-'));
    return new ImportResult(format(), location, s.accepted(),
        s.problems().stream().map(p -> new Skipped(location, p)).toList());
  }

}
