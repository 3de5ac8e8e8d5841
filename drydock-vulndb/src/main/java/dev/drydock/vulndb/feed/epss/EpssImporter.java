package dev.drydock.vulndb.feed.epss;

import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.InputStream;

/** FIRST EPSS scores (CSV, plain or gzip) as a feed of the store. */
public final class EpssImporter implements FeedImporter {
  @Override
  public String format() {
    return "epss-csv";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    return EpssParser.recognises(head);
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) {
    EpssParser.Summary s = EpssParser.parse(in, location, out::addEpss);
    out.addSkipped(s.malformed());
    out.dataDate("epss", s.scoreDate());
    return new ImportResult(format(), location, s.accepted(),
        s.problems().stream().map(p -> new Skipped(location, p)).toList());
  }
}
