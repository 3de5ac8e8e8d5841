package dev.drydock.vulndb.feed.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.fetch.FeedConfig;
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
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OracleOvalImporter} on the real ELSA definitions of src/test/resources/match/oracle-oval/. */
class OracleOvalImporterTest {
  @TempDir Path tmp;

  static Path real() {
    try {
      return Path.of(OracleOvalImporterTest.class.getResource("/match/oracle-oval/elsa-per-arch.xml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  @Test
  void definitionsBecomeOneRecordPerElsaWithArchAndSeverityPerEntry() {
    VulnStore store = VulnStore.open(cacheOf(real()));
    Map<String, List<OsvRecord>> found = store.advisories("Oracle Linux:7", List.of("rsyslog"));
    assertThat(found.get("rsyslog")).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo("ELSA-2022-4803");
      assertThat(r.related()).containsExactly("CVE-2022-24903");
      assertThat(r.summary()).isEqualTo("ELSA-2022-4803: rsyslog security update (IMPORTANT)");
      assertThat(r.references()).extracting(OsvRecord.OsvReference::url)
          .containsExactly("https://linux.oracle.com/errata/ELSA-2022-4803.html");
      assertThat(r.affected()).filteredOn(a -> a.pkg().name().equals("rsyslog"))
          .extracting(a -> a.ecosystemSpecific().get("arch").asText() + " " + a.ranges().get(0).events().get(1).fixed()
              + " " + a.ecosystemSpecific().get("urgency").asText())
          .containsExactly("aarch64 0:8.24.0-57.0.4.el7_9.3 IMPORTANT", "x86_64 0:8.24.0-57.0.1.el7_9.3 IMPORTANT");
    });
  }

  private Path cacheOf(Path... files) {
    Path cache = tmp.resolve("cache-" + files.length + "-" + files[0].getFileName());
    ImportReport report = Imports.importPaths(List.of(files), cache);
    assertThat(report.records()).isEqualTo(3);
    return cache;
  }

  @Test
  void theBzip2FileOracleServesIsRecognisedByNameAndReadTheSame() throws IOException {
    Path bz = tmp.resolve("com.oracle.elsa-all.xml.bz2");
    Files.write(bz, bzip2(Files.readAllBytes(real())));
    byte[] head = Arrays.copyOf(Files.readAllBytes(bz), 64);
    assertThat(FeedImporters.sniff(bz.getFileName().toString(), head))
        .contains(FeedImporters.of(FeedConfig.Format.ORACLE_OVAL_XML_BZ2));
    VulnStore store = VulnStore.open(cacheOf(bz));
    assertThat(store.advisories("Oracle Linux:8", List.of("osbuild")).get("osbuild")).singleElement()
        .satisfies(r -> assertThat(r.affected()).filteredOn(a -> a.pkg().name().equals("osbuild"))
            .extracting(a -> a.ranges().get(0).events().get(1).fixed()).containsOnly("0:110-1.0.1.el8", "0:110-1.el8"));
  }

  @Test
  void aTruncatedFileFailsWithOneLineNamingTheFileAndLine() throws IOException {
    byte[] whole = Files.readAllBytes(real());
    Path cut = tmp.resolve("com.oracle.elsa-2022.xml");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> Imports.importPaths(List.of(cut), tmp.resolve("cut")))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut + ": malformed OVAL XML at line ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aDefinitionWithoutReleaseIsSkippedWithOneLineAndTheRestImported() throws IOException {
    // the real file with the firefox definition's release criterion edited away in the test
    String text = Files.readString(real()).replace("comment=\"Oracle Linux 10 is installed\"", "comment=\"\"");
    Path edited = tmp.resolve("com.oracle.elsa-edited.xml");
    Files.writeString(edited, text, StandardCharsets.UTF_8);
    ImportReport report = Imports.importPaths(List.of(edited), tmp.resolve("edited"));
    assertThat(report.records()).isEqualTo(2);
    assertThat(report.imported()).singleElement().satisfies(r -> assertThat(r.skipped()).singleElement()
        .satisfies(s -> {
          assertThat(s.location()).isEqualTo(edited + " ELSA-2025-10073");
          assertThat(s.reason()).isEqualTo("no \"Oracle Linux N is installed\" criterion");
        }));
  }
}
