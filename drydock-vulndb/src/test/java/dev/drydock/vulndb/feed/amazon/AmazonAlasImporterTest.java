package dev.drydock.vulndb.feed.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updateinfo.xml form of ALAS and bad input. The XML documents here are hand-made in the shape of Amazon's
 * repository metadata (no byte-exact public copy of an Amazon updateinfo.xml is readable as text in the index drydock's
 * fixtures come from; see match/amazon-alas/FIXTURES.md); the real ALAS records are matched in AmazonMatchTest.
 */
class AmazonAlasImporterTest {
  @TempDir Path tmp;

  static final String UPDATEINFO = """
      <?xml version="1.0" ?>
      <updates>
      <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
        <id>ALAS2-2018-949</id>
        <title>Amazon Linux 2 2017.12 - ALAS2-2018-949: important priority package update for java-1.8.0-openjdk</title>
        <issued date="2018-02-07 17:47" />
        <updated date="2018-02-08 21:45" />
        <severity>important</severity>
        <description>Package updates are available for Amazon Linux 2 that fix the following vulnerabilities:
      CVE-2018-2678: ...</description>
        <references>
          <reference href="http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2018-2677" id="CVE-2018-2677" type="cve" />
          <reference href="http://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2018-2579" id="CVE-2018-2579" type="cve" />
        </references>
        <pkglist>
          <collection short="amazon-linux-2">
            <name>Amazon Linux 2</name>
            <package name="java-1.8.0-openjdk-headless" version="1.8.0.161" release="0.b14.amzn2" epoch="1" arch="x86_64">
              <filename>Packages/java-1.8.0-openjdk-headless-1.8.0.161-0.b14.amzn2.x86_64.rpm</filename>
            </package>
            <package name="java-1.8.0-openjdk" version="1.8.0.161" release="0.b14.amzn2" epoch="1" arch="src">
              <filename>Packages/java-1.8.0-openjdk-1.8.0.161-0.b14.amzn2.src.rpm</filename>
            </package>
          </collection>
        </pkglist>
      </update>
      <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
        <id>ALAS2KERNEL-5.10-2022-001</id>
        <severity>important</severity>
        <pkglist><collection short="amazon-linux-2"><package name="kernel" version="5.10.102" release="99.473.amzn2" epoch="0" arch="x86_64"/></collection></pkglist>
      </update>
      <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
        <id>ALAS2024-2024-001</id>
        <severity>low</severity>
        <pkglist><collection short="x"><package name="bash" version="5.2" release="1" epoch="0" arch="x86_64"/></collection></pkglist>
      </update>
      <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
        <id>ALAS2023-2024-002</id>
        <severity>Medium</severity>
        <pkglist><collection short="amazon-linux-2023"><package name="curl-minimal" epoch="0" arch="x86_64"/></collection></pkglist>
      </update>
      </updates>
      """;

  static Path fixture(String name) {
    try {
      return Path.of(AmazonAlasImporterTest.class.getResource("/match/amazon-alas/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void updateinfoXmlIsRecognisedPlainAndGzipped() throws IOException {
    byte[] xml = UPDATEINFO.getBytes(StandardCharsets.UTF_8);
    assertThat(FeedImporters.sniff("updateinfo.xml", xml)).hasValueSatisfying(i ->
        assertThat(i.format()).isEqualTo("amazon-alas"));
    Path dir = Files.createDirectories(tmp.resolve("in"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(xml);
    }
    Files.write(dir.resolve("0123abcd-updateinfo.xml.gz"), gz.toByteArray());
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("cache"));
    assertThat(report.imported()).singleElement().satisfies(r -> {
      assertThat(r.format()).isEqualTo("amazon-alas");
      assertThat(r.records()).isEqualTo(1);
      assertThat(r.skipped()).extracting(s -> s.location().replaceAll(".*\\.gz ", "") + ": " + s.reason())
          .containsExactly(
              "update 2 (line 27) ALAS2KERNEL-5.10-2022-001: Amazon Linux 2 Extras advisory (topic kernel-5.10):"
                  + " not matched, an installed rpm does not record which topic it came from",
              "update 3 (line 32) ALAS2024-2024-001: unknown Amazon Linux release in advisory id",
              "update 4 (line 37) ALAS2023-2024-002: 1 package without name, version or release left out",
              "update 4 (line 37) ALAS2023-2024-002: no fixed binary package listed");
    });
    try (VulnStore store = VulnStore.open(tmp.resolve("cache"))) {
      List<OsvRecord> records = store.advisories("Amazon Linux:2", "java-1.8.0-openjdk-headless");
      assertThat(records).singleElement().satisfies(r -> {
        assertThat(r.id()).isEqualTo("ALAS2-2018-949");
        assertThat(r.aliases()).containsExactly("CVE-2018-2579", "CVE-2018-2677");
        assertThat(r.affected()).singleElement().satisfies(a -> {
          assertThat(a.ranges().get(0).events().get(1).fixed()).isEqualTo("1:1.8.0.161-0.b14.amzn2");
          assertThat(a.ecosystemSpecific().get("urgency").asText()).isEqualTo("Important");
        });
      });
      assertThat(store.advisories("Amazon Linux:2", "kernel")).isEmpty();
    }
  }

  @Test
  void aTruncatedUpdateinfoKeepsTheUpdatesBeforeTheCutAndSaysWhere() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("cut"));
    String cut = UPDATEINFO.substring(0, UPDATEINFO.indexOf("<id>ALAS2024"));
    Files.writeString(dir.resolve("updateinfo.xml"), cut);
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("cache"));
    assertThat(report.imported()).singleElement().satisfies(r -> {
      assertThat(r.records()).isEqualTo(1);
      assertThat(r.skipped()).last().satisfies(s -> {
        assertThat(s.location()).matches(".*updateinfo\\.xml line \\d+");
        assertThat(s.reason()).startsWith("malformed XML after 2 updates, the rest of the file is not read: ")
            .doesNotContain("\n");
      });
    });
  }

  @Test
  void anUpdateinfoCutInItsFirstUpdateAndATruncatedAlasJsonAreOneLineEachAndTheRestIsImported() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("updateinfo.xml"), UPDATEINFO.substring(0, 400));
    byte[] json = Files.readAllBytes(fixture("ALAS2023-2023-001.json"));
    Files.write(dir.resolve("ALAS2023-2023-001.json"), Arrays.copyOf(json, json.length / 2));
    Files.copy(fixture("ALAS2-2018-949.json"), dir.resolve("ALAS2-2018-949.json"));
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("cache"));
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).hasSize(2).allSatisfy(s -> assertThat(s.toString()).doesNotContain("\n"));
    assertThat(report.skipped()).anySatisfy(s -> {
      assertThat(s.location()).endsWith("updateinfo.xml");
      assertThat(s.reason()).startsWith("malformed XML at line ");
    });
    assertThat(report.skipped()).anySatisfy(s -> {
      assertThat(s.location()).endsWith("ALAS2023-2023-001.json");
      assertThat(s.reason()).startsWith("malformed JSON");
    });
  }
}
