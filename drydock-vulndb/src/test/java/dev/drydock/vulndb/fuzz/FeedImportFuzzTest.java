package dev.drydock.vulndb.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.testing.FuzzContract;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.ImportResult;
import dev.drydock.vulndb.store.SourceWriter;
import dev.drydock.vulndb.store.StoreBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Feed importers (issue 18): the first byte picks the importer ({@link FeedImporters#all()}: OSV zip, Debian
 * tracker JSON, Debian DSA/DLA list, Alpine secdb, CISA KEV, EPSS CSV, Red Hat and SUSE CSAF VEX and their archives,
 * Amazon ALAS, Oracle OVAL, Photon CVE JSON, endoflife.date, OSV JSON, OSV YAML), the rest is the feed
 * file, imported into a real store as {@code db import} does. An I/O error from an importer becomes the same
 * {@code <file>: cannot read: <reason>} line {@code DirectoryImport} prints, so its message must be one line too.
 * Seeds: the importers' fixtures.
 */
class FeedImportFuzzTest {
  private static final List<FeedImporter> IMPORTERS = FeedImporters.all();
  private static final StoreBuilder STORE;

  static {
    try {
      Path cache = Files.createTempDirectory("drydock-fuzz-store-");
      STORE = StoreBuilder.openFresh(cache);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> seeds() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode kev = (ObjectNode) json.readTree(resource("fetch/kev-excerpt.json"));
    ArrayNode all = (ArrayNode) kev.get("vulnerabilities");
    ArrayNode few = json.createArrayNode();
    for (int i = 0; i < Math.min(3, all.size()); i++) {
      few.add(all.get(i));
    }
    kev.set("vulnerabilities", few);
    kev.put("count", few.size());
    byte[] epss = resource("fetch/vunnel-example-1.csv");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(epss);
    }
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zip)) {
      for (String f : List.of("GHSA-9wv6-86v2-598j.json", "PYSEC-2021-66.json")) {
        z.putNextEntry(new ZipEntry(f));
        z.write(resource("feeds/osv/" + f));
        z.closeEntry();
      }
    }
    return Stream.of(
        seed("osv-zip", zip.toByteArray()),
        seed("debian-tracker", resource("feeds/debian-tracker/vunnel-debian.json")),
        seed("debian-advisory-list", resource("feeds/debian-dsa/DSA-list")),
        seed("debian-advisory-list", resource("feeds/debian-dsa/DLA-list")),
        seed("alpine-secdb", resource("feeds/alpine-secdb/v3.10-community.claircore.json")),
        seed("alpine-secdb", resource("feeds/alpine-secdb/311-main.vuln-list-update.json")),
        seed("alpine-secdb", Arrays.copyOf(resource("feeds/alpine-secdb-yaml/v3.11-main.yaml"), 4096)),
        seed("kev-json", json.writeValueAsBytes(kev)),
        seed("epss-csv", gz.toByteArray()),
        seed("epss-csv", epss),
        seed("osv-json", resource("feeds/osv/GHSA-9wv6-86v2-598j.json")),
        seed("osv-json", resource("feeds/osv-distro/CVE-2021-34552.json")),
        seed("osv-json", resource("feeds/golang/GO-2020-0012.json")),
        seed("osv-yaml", new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .writeValueAsBytes(json.readTree(resource("feeds/osv/PYSEC-2021-66.json")))),
        // the distributions of issue 14 (real documents of src/test/resources/match/ and eol/)
        seed("redhat-csaf-vex", resource("match/redhat-vex/cve-2024-22047.json")),
        seed("redhat-csaf-vex", resource("match/redhat-vex/cve-2021-0084.json")),
        seed("suse-csaf-vex", resource("match/suse-vex/cve-2004-0657.json")),
        seed("amazon-alas", resource("match/amazon-alas/ALAS2-2018-949.json")),
        seed("oracle-oval", resource("match/oracle-oval/elsa-per-arch.xml")),
        seed("photon-cve-json", resource("match/photon/cve_data_photon4.0.json")),
        seed("osv-json", resource("match/almalinux-osv/ALSA-2022-1065.json")),
        seed("endoflife-date-md", resource("eol/rhel.md")));
  }

  private static Arguments seed(String format, byte[] content) {
    int i = 0;
    while (!IMPORTERS.get(i).format().equals(format)) {
      i++;
    }
    byte[] data = new byte[content.length + 1];
    data[0] = (byte) i;
    System.arraycopy(content, 0, data, 1, content.length);
    return Arguments.of((Object) data);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = FeedImportFuzzTest.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + name);
      }
      return in.readAllBytes();
    }
  }

  @MethodSource("seeds")
  @FuzzTest
  void feedFile(byte[] data) {
    if (data.length == 0) {
      return;
    }
    FeedImporter importer = IMPORTERS.get((data[0] & 0xff) % IMPORTERS.size());
    byte[] feed = Arrays.copyOfRange(data, 1, data.length);
    FuzzContract.holds(() -> {
      String location = "feeds/fuzz." + importer.format();
      try (SourceWriter out = STORE.beginSource("fuzz", importer.format(), location, null, null, null)) {
        ImportResult result = importer.importFrom(new ByteArrayInputStream(feed), location, out);
        if (result == null) {
          throw new AssertionError(importer.format() + " returned no import result");
        }
      } catch (IOException e) {
        throw new FeedException(location + ": cannot read: " + e.getMessage());
      }
    });
  }
}
