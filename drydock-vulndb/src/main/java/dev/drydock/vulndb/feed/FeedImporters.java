package dev.drydock.vulndb.feed;

import dev.drydock.vulndb.feed.alpine.AlpineSecdbImporter;
import dev.drydock.vulndb.feed.debian.DebianAdvisoryListImporter;
import dev.drydock.vulndb.feed.debian.DebianTrackerImporter;
import dev.drydock.vulndb.feed.epss.EpssImporter;
import dev.drydock.vulndb.feed.kev.KevImporter;
import dev.drydock.vulndb.feed.osv.OsvJsonImporter;
import dev.drydock.vulndb.feed.osv.OsvYamlImporter;
import dev.drydock.vulndb.feed.osv.OsvZipImporter;
import java.util.List;
import java.util.Optional;

/** The importers {@link DirectoryImport} tries, most specific first. */
public final class FeedImporters {

  private static final List<FeedImporter> ALL = List.of(new OsvZipImporter(),
      new DebianTrackerImporter(), new DebianAdvisoryListImporter(), new AlpineSecdbImporter(), new KevImporter(), new EpssImporter(),
      new OsvJsonImporter(), new OsvYamlImporter());

  private FeedImporters() {}

  public static List<FeedImporter> all() {
    return ALL;
  }

  /** The first importer that recognises the file. */
  public static Optional<FeedImporter> sniff(String fileName, byte[] head) {
    return ALL.stream().filter(i -> i.recognises(fileName, head)).findFirst();
  }
}
