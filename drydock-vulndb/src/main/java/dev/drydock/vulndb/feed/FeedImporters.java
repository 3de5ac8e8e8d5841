package dev.drydock.vulndb.feed;

import dev.drydock.vulndb.feed.alpine.AlpineSecdbImporter;
import dev.drydock.vulndb.feed.debian.DebianAdvisoryListImporter;
import dev.drydock.vulndb.feed.debian.DebianTrackerImporter;
import dev.drydock.vulndb.feed.epss.EpssImporter;
import dev.drydock.vulndb.feed.kev.KevImporter;
import dev.drydock.vulndb.feed.osv.OsvJsonImporter;
import dev.drydock.vulndb.feed.osv.OsvYamlImporter;
import dev.drydock.vulndb.fetch.FeedConfig;
import dev.drydock.vulndb.feed.osv.OsvZipImporter;
import java.util.List;
import java.util.Optional;

/**
 * Every feed importer, in one place: the list {@link DirectoryImport} tries (most specific first) and the
 * importer of each configured feed format ({@code drydock db update}).
 */
public final class FeedImporters {
  private static final FeedImporter OSV_ZIP = new OsvZipImporter();
  private static final FeedImporter DEBIAN_TRACKER = new DebianTrackerImporter();
  private static final FeedImporter DEBIAN_ADVISORY_LIST = new DebianAdvisoryListImporter();
  private static final FeedImporter ALPINE_SECDB = new AlpineSecdbImporter();
  private static final FeedImporter KEV = new KevImporter();
  private static final FeedImporter EPSS = new EpssImporter();
  private static final FeedImporter REDHAT_CSAF = new dev.drydock.vulndb.feed.redhat.RedHatCsafImporter();
  private static final FeedImporter REDHAT_CSAF_ARCHIVE = new dev.drydock.vulndb.feed.redhat.RedHatCsafArchiveImporter();
  private static final FeedImporter ORACLE_OVAL = new dev.drydock.vulndb.feed.oracle.OracleOvalImporter();
  private static final FeedImporter AMAZON_ALAS = new dev.drydock.vulndb.feed.amazon.AmazonAlasImporter();

  private static final FeedImporter SUSE_CSAF = new dev.drydock.vulndb.feed.suse.SuseCsafImporter();
  private static final FeedImporter SUSE_CSAF_ARCHIVE = new dev.drydock.vulndb.feed.suse.SuseCsafArchiveImporter();
  private static final FeedImporter END_OF_LIFE = new dev.drydock.vulndb.feed.eol.EndOfLifeDateImporter();
  private static final FeedImporter PHOTON_CVE = new dev.drydock.vulndb.feed.photon.PhotonCveImporter();

  private static final List<FeedImporter> ALL = List.of(OSV_ZIP, DEBIAN_TRACKER, DEBIAN_ADVISORY_LIST,
      ALPINE_SECDB, KEV, EPSS, SUSE_CSAF, SUSE_CSAF_ARCHIVE, REDHAT_CSAF, REDHAT_CSAF_ARCHIVE, END_OF_LIFE, AMAZON_ALAS,
      ORACLE_OVAL, PHOTON_CVE, new OsvJsonImporter(), new OsvYamlImporter());

  private FeedImporters() {}

  /** The importer of a configured feed's format. */
  public static FeedImporter of(FeedConfig.Format format) {
    return switch (format) {
      case OSV_ZIP -> OSV_ZIP;
      case DEBIAN_TRACKER_JSON -> DEBIAN_TRACKER;
      case DEBIAN_ADVISORY_LIST -> DEBIAN_ADVISORY_LIST;
      case ALPINE_SECDB_JSON -> ALPINE_SECDB;
      case KEV_JSON -> KEV;
      case EPSS_CSV_GZ -> EPSS;
      case REDHAT_CSAF_VEX_TAR_ZST -> REDHAT_CSAF_ARCHIVE;
      case ORACLE_OVAL_XML_BZ2 -> ORACLE_OVAL;
      case SUSE_CSAF_VEX_TAR_BZ2 -> SUSE_CSAF_ARCHIVE;
      case ENDOFLIFE_DATE_MD -> END_OF_LIFE;
      case AMAZON_UPDATEINFO -> AMAZON_ALAS;
      case PHOTON_CVE_JSON -> PHOTON_CVE;
    };
  }

  public static List<FeedImporter> all() {
    return ALL;
  }

  /** The first importer that recognises the file. */
  public static Optional<FeedImporter> sniff(String fileName, byte[] head) {
    return ALL.stream().filter(i -> i.recognises(fileName, head)).findFirst();
  }
}
