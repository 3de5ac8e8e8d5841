package dev.drydock.vulndb.feed.suse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.FeedImporter;
import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.match.Matcher;
import dev.drydock.vulndb.store.VulnStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SUSE CSAF VEX importer on SUSE's real documents (src/test/resources/match/suse-vex/, FIXTURES.md there), on
 * variants edited in the test where the real slice lacks a case (no fix planned, openSUSE Leap) or to break them
 * (truncated, unknown product ids, not a VEX document), and SUSE's archive of documents. Everything goes through
 * {@code db import}'s code path into a real store.
 */
class SuseCsafImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir Path tmp;

  static Path real(String name) {
    try {
      return Path.of(SuseCsafImporterTest.class.getResource("/match/suse-vex/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private ImportReport importFiles(String cacheName, Path... files) {
    return Imports.importPaths(Arrays.asList(files), tmp.resolve(cacheName));
  }

  static InstalledPackage rpm(String name, String vr) {
    Package p = new Package(Ecosystem.RPM, null, name, vr, name, vr, "x86_64", List.of(), "var/lib/rpm/Packages.db",
        Map.of());
    return new InstalledPackage("pkg:rpm/suse/" + name + "@" + vr, p, 0, null, null, List.of(p.location()));
  }

  static OsInfo os(String id, String version) {
    return new OsInfo(id, version, null, id + " " + version, "etc/os-release");
  }

  @Test
  void productNamesBecomeOneEcosystemPerRelease() {
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise Module for Basesystem 15 SP3"))
        .isEqualTo("SUSE:Linux Enterprise 15 SP3");
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise Server 15 SP3-LTSS")).isEqualTo("SUSE:Linux Enterprise 15 SP3");
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise High Performance Computing 15 SP3-ESPOS"))
        .isEqualTo("SUSE:Linux Enterprise 15 SP3");
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise Server 15-LTSS")).isEqualTo("SUSE:Linux Enterprise 15");
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise Server 12 SP5")).isEqualTo("SUSE:Linux Enterprise 12 SP5");
    assertThat(SuseProducts.ecosystem("openSUSE Leap 15.5")).isEqualTo("openSUSE:Leap 15.5");
    assertThat(SuseProducts.ecosystem("openSUSE Leap 15.5 NonFree")).isEqualTo("openSUSE:Leap 15.5");
    // other products are kept apart and never match an image
    assertThat(SuseProducts.ecosystem("SUSE Linux Enterprise Micro 5.3")).isEqualTo("SUSE:Linux Enterprise Micro 5.3");
    assertThat(SuseProducts.ecosystem("openSUSE Leap Micro 5.5")).isEqualTo("openSUSE:Leap Micro 5.5");
    assertThat(SuseProducts.ecosystem("openSUSE Tumbleweed")).isEqualTo("openSUSE:Tumbleweed");
    assertThat(SuseProducts.ecosystem("SUSE Manager Server 4.3")).isEqualTo("SUSE:Manager Server 4.3");

    assertThat(SuseProducts.imageEcosystem("sles", "15.3")).isEqualTo("SUSE:Linux Enterprise 15 SP3");
    assertThat(SuseProducts.imageEcosystem("sles", "15")).isEqualTo("SUSE:Linux Enterprise 15");
    assertThat(SuseProducts.imageEcosystem("sles_sap", "15.4")).isEqualTo("SUSE:Linux Enterprise 15 SP4");
    assertThat(SuseProducts.imageEcosystem("sle_bci", "15.3")).isEqualTo("SUSE:Linux Enterprise 15 SP3");
    assertThat(SuseProducts.imageEcosystem("opensuse-leap", "15.5")).isEqualTo("openSUSE:Leap 15.5");
    assertThat(SuseProducts.imageEcosystem("opensuse-tumbleweed", "20240801")).isNull();
    assertThat(SuseProducts.imageEcosystem("sle-micro", "5.3")).isNull();
    assertThat(SuseProducts.imageEcosystem("sles", "15-SP3")).isNull();
  }

  @Test
  void contentDetectionTellsSusesVexFromRedHats() throws IOException {
    byte[] suse = Files.readAllBytes(real("cve-2023-45918.json"));
    assertThat(FeedImporters.sniff("cve-2023-45918.json", Arrays.copyOf(suse, Math.min(suse.length,
        FeedImporter.HEAD_BYTES)))).get().extracting(FeedImporter::format).isEqualTo("suse-csaf-vex");
    Path redHat = Path.of("src/test/resources/match/redhat-vex/cve-2024-22047.json");
    byte[] rh = Files.readAllBytes(redHat);
    assertThat(FeedImporters.sniff("cve-2024-22047.json", rh)).get().extracting(FeedImporter::format)
        .isEqualTo("redhat-csaf-vex");
  }

  @Test
  void noFixPlannedIsWillNotFixAndOpenSuseLeapProductsMatchLeapImages() throws IOException {
    // the real mailx document with SLES 15 SP3's fixed build turned into "known_affected" + no_fix_planned, and
    // its SP4 product renamed to an openSUSE Leap release
    String text = Files.readString(real("cve-2004-2771.json"))
        .replace("SUSE Linux Enterprise Server 15 SP4", "openSUSE Leap 15.4");
    ObjectNode doc = (ObjectNode) JSON.readTree(text);
    ObjectNode status = (ObjectNode) doc.at("/vulnerabilities/0/product_status");
    ((ArrayNode) status.get("known_affected")).add("SUSE Linux Enterprise Server 15 SP3:mailx-sp3");
    ArrayNode recommended = (ArrayNode) status.get("recommended");
    for (int i = recommended.size() - 1; i >= 0; i--) {
      if (recommended.get(i).asText().startsWith("SUSE Linux Enterprise Server 15 SP3:")) {
        recommended.remove(i);
      }
    }
    ObjectNode rel = ((ArrayNode) doc.at("/product_tree/relationships")).addObject();
    rel.put("category", "default_component_of");
    rel.putObject("full_product_name").put("name", "mailx as component of SUSE Linux Enterprise Server 15 SP3")
        .put("product_id", "SUSE Linux Enterprise Server 15 SP3:mailx-sp3");
    rel.put("product_reference", "mailx");
    rel.put("relates_to_product_reference", "SUSE Linux Enterprise Server 15 SP3");
    ObjectNode remediation = ((ArrayNode) doc.at("/vulnerabilities/0/remediations")).addObject();
    remediation.put("category", "no_fix_planned").put("details", "There is no fix planned for these products.\n");
    remediation.putArray("product_ids").add("SUSE Linux Enterprise Server 15 SP3:mailx-sp3");
    Path edited = tmp.resolve("cve-2004-2771.json");
    JSON.writeValue(edited.toFile(), doc);
    ImportReport report = importFiles("edited", edited);
    assertThat(report.skipped()).isEmpty();
    VulnStore store = VulnStore.open(tmp.resolve("edited"));
    List<Vulnerability> sp3 = new Matcher().match(List.of(rpm("mailx", "12.5-1.87")), os("sles", "15.3"), store, NOW);
    assertThat(sp3).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(Status.WILL_NOT_FIX);
      assertThat(v.vendorSeverity()).isEqualTo("important");
    });
    List<Vulnerability> leap = new Matcher().match(List.of(rpm("mailx", "12.5-3.3.0")), os("opensuse-leap", "15.4"),
        store, NOW);
    assertThat(leap).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(Status.FIXED);
      assertThat(v.fixedVersions()).containsExactly("12.5-3.3.1");
    });
  }

  @Test
  void unknownProductIdsAreSkippedWithOneLineAndTheRestIsImported() throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(real("cve-2004-2771.json").toFile());
    ((ArrayNode) doc.at("/vulnerabilities/0/product_status/recommended")).add("SUSE Linux Enterprise Server 99:nope-1-1");
    Path edited = tmp.resolve("unknown.json");
    JSON.writeValue(edited.toFile(), doc);
    ImportReport report = importFiles("unknown", edited);
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).contains("unknown.json vulnerabilities[0] CVE-2004-2771 SUSE Linux Enterprise Server 99:nope-1-1");
      assertThat(s.reason()).isEqualTo("unknown product id (not in product_tree)");
    });
  }

  @Test
  void aTruncatedDocumentIsOneLineAndTheOtherFilesOfItsDirectoryAreImported() throws IOException {
    byte[] whole = Files.readAllBytes(real("cve-2023-45918.json"));
    Path dir = Files.createDirectories(tmp.resolve("mixed"));
    Files.write(dir.resolve("cut.json"), Arrays.copyOf(whole, whole.length / 2));
    Files.copy(real("cve-2004-2771.json"), dir.resolve("cve-2004-2771.json"));
    ImportReport report = importFiles("mixed-cache", dir);
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).endsWith("cut.json");
      assertThat(s.reason()).startsWith("malformed CSAF JSON").doesNotContain("\n").doesNotContain("Exception");
    });
    // named alone, the file fails its import with the same one line
    Path cut = dir.resolve("cut.json");
    assertThatThrownBy(() -> importFiles("cut", cut)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut + ": malformed CSAF JSON at line ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> new SuseCsafImporter().importFrom(new java.io.ByteArrayInputStream(
        "{\"document\":{\"category\":\"csaf_security_advisory\"}}".getBytes()), "adv.json", null))
        .isInstanceOf(FeedException.class)
        .hasMessage("adv.json: not a CSAF VEX document (document.category is not csaf_vex)");
  }

  @Test
  void theArchiveIsReadEntryByEntryAndABadEntryIsOneLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BZip2CompressorOutputStream(bytes))) {
      for (String f : List.of("cve-2004-0657.json", "cve-2004-2771.json", "cve-2023-45918.json", "broken.json")) {
        byte[] doc = f.equals("broken.json") ? "{\"document\": {".getBytes() : Files.readAllBytes(real(f));
        TarArchiveEntry e = new TarArchiveEntry("csaf-vex/" + f);
        e.setSize(doc.length);
        tar.putArchiveEntry(e);
        tar.write(doc);
        tar.closeArchiveEntry();
      }
    }
    Path archive = tmp.resolve("csaf-vex.tar.bz2");
    Files.write(archive, bytes.toByteArray());
    ImportReport report = importFiles("archive", archive);
    assertThat(report.records()).isEqualTo(3);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).endsWith("csaf-vex.tar.bz2!csaf-vex/broken.json");
      assertThat(s.reason()).startsWith("malformed CSAF JSON").doesNotContain("\n");
    });
    VulnStore store = VulnStore.open(tmp.resolve("archive"));
    assertThat(new Matcher().match(List.of(rpm("libncurses6", "6.1-5.9.1")), os("sles", "15.3"), store, NOW))
        .singleElement().satisfies(v -> assertThat(v.id()).isEqualTo("CVE-2023-45918"));

    // a truncated archive fails the import as a whole: the store keeps what it had
    Path cut = tmp.resolve("cut-csaf-vex.tar.bz2");
    Files.write(cut, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    assertThatThrownBy(() -> importFiles("archive", cut)).isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut + ": truncated or corrupt tar.bz2 archive")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    VulnStore kept = VulnStore.open(tmp.resolve("archive"));
    assertThat(new Matcher().match(List.of(rpm("libncurses6", "6.1-5.9.1")), os("sles", "15.3"), kept, NOW))
        .hasSize(1);
  }
}
