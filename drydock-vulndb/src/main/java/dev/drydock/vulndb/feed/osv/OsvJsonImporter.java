package dev.drydock.vulndb.feed.osv;

import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/** One OSV record (or a JSON array of them) in a {@code .json} file. */
public final class OsvJsonImporter implements FeedImporter {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"");
  private static final Pattern AFFECTED_OR_MODIFIED = Pattern.compile("\"(affected|modified)\"\\s*:");

  @Override
  public String format() {
    return "osv-json";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return (text.startsWith("{") || text.startsWith("["))
        && ID.matcher(text).find() && AFFECTED_OR_MODIFIED.matcher(text).find();
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    return OsvRecords.importStream(OsvRecords.JSON, format(), in, location, out);
  }
}
