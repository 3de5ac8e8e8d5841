package dev.drydock.vulndb.fetch;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds a yum repository's {@code updateinfo} file as dnf does for Amazon Linux: the {@code mirror.list} names the
 * repository (its first URL), the repository's {@code repodata/repomd.xml} names the file
 * ({@code <data type="updateinfo"><location href="..."/>}). URLs read from the data go through the configured
 * mirror like the feed URLs ({@link FeedConfig#throughMirror}).
 */
final class YumRepository {
  private static final long MAX_MIRROR_LIST = 64L * 1024;
  private static final long MAX_REPOMD = 16L * 1024 * 1024;

  private YumRepository() {}

  /**
   * Where the updateinfo file is and the SHA-256 {@code repomd.xml} gives for it (null when it gives none), which the
   * download is checked against: the repository's own integrity record, since the mirror list may be plain http.
   */
  record Located(URI url, String sha256) {}

  /** The updateinfo file of the repository that {@code mirrorList} names. */
  static Located updateinfo(FeedConfig config, FeedConfig.Feed feed, Path dir, Downloader downloader) throws IOException {
    Path list = dir.resolve(feed.name() + ".mirror.list");
    downloader.download(Downloader.Request.of(feed.url(), list).limited(MAX_MIRROR_LIST));
    URI repo = null;
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        try {
          repo = URI.create(t.endsWith("/") ? t : t + "/");
        } catch (IllegalArgumentException e) {
          throw new DrydockException("feed " + feed.name() + ": " + feed.url() + " line '" + t + "' is not a URL");
        }
        break;
      }
    }
    if (repo == null || !FeedConfig.isSupported(repo)) {
      throw new DrydockException("feed " + feed.name() + ": " + feed.url() + " names no repository URL");
    }
    repo = config.throughMirror(repo);
    URI repomdUrl = repo.resolve("repodata/repomd.xml");
    Path repomd = dir.resolve(feed.name() + ".repomd.xml");
    downloader.download(Downloader.Request.of(repomdUrl, repomd).limited(MAX_REPOMD));
    String[] location;
    try (InputStream in = Files.newInputStream(repomd)) {
      location = updateinfoLocation(in);
    } catch (XMLStreamException e) {
      throw new DrydockException("feed " + feed.name() + ": " + repomdUrl + " is not valid XML: "
          + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
    }
    if (location == null) {
      throw new DrydockException("feed " + feed.name() + ": " + repomdUrl + " names no updateinfo file");
    }
    String href = location[0];
    URI u = repo.resolve(href);
    if (!FeedConfig.isSupported(u)) {
      throw new DrydockException("feed " + feed.name() + ": updateinfo location '" + href + "' is not usable");
    }
    return new Located(u, location[1]);
  }

  /** The {@code location href} of {@code <data type="updateinfo">}, or null. */
  static String updateinfoHref(InputStream in) throws XMLStreamException {
    String[] l = updateinfoLocation(in);
    return l == null ? null : l[0];
  }

  /**
   * {href, sha256} of {@code <data type="updateinfo">} (its {@code <checksum type="sha256">}, null when there is
   * none of that type), or null when there is no such entry.
   */
  static String[] updateinfoLocation(InputStream in) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = f.createXMLStreamReader(in);
    try {
      boolean inUpdateinfo = false;
      String href = null;
      String sha256 = null;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          if ("data".equals(r.getLocalName())) {
            inUpdateinfo = "updateinfo".equals(r.getAttributeValue(null, "type"));
          } else if (inUpdateinfo && "location".equals(r.getLocalName())) {
            href = r.getAttributeValue(null, "href");
          } else if (inUpdateinfo && "checksum".equals(r.getLocalName())
              && "sha256".equals(r.getAttributeValue(null, "type"))) {
            sha256 = r.getElementText().strip();
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && "data".equals(r.getLocalName()) && inUpdateinfo) {
          return href == null ? null : new String[] {href, sha256};
        }
      }
      return href == null ? null : new String[] {href, sha256};
    } finally {
      r.close();
    }
  }
}
