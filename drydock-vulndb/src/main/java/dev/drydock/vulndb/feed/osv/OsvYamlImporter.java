package dev.drydock.vulndb.feed.osv;

import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.feed.Sniff;
import dev.drydock.vulndb.store.SourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/** One OSV record in YAML, as the PyPA advisory database keeps them ({@code vulns/<pkg>/PYSEC-*.yaml}). */
public final class OsvYamlImporter implements FeedImporter {

  private static final Pattern ID = Pattern.compile("(?m)^id:[ \\t]*\\S");
  private static final Pattern AFFECTED_OR_MODIFIED = Pattern.compile("(?m)^(affected|modified):");

  @Override
  public String format() {
    return "osv-yaml";
  }

  @Override
  public boolean recognises(String fileName, byte[] head) {
    String text = Sniff.text(head);
    return !text.startsWith("{") && !text.startsWith("[")
        && ID.matcher(text).find() && AFFECTED_OR_MODIFIED.matcher(text).find();
  }

  @Override
  public ImportResult importFrom(InputStream in, String location, SourceWriter out) throws IOException {
    // bound straight from the parser (not via a tree) so that scalars like 1.10 keep their text
    return OsvRecords.importStream(OsvRecords.YAML, format(), in, location, out);
  }
}
