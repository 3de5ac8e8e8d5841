package dev.drydock.vulndb.feed.redhat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.drydock.vulndb.feed.FeedImporters;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.match.Matcher;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Red Hat CSAF VEX importer on Red Hat's real documents (src/test/resources/match/redhat-vex/, FIXTURES.md
 * there) and on variants of them edited in the test where the real slice lacks a case (will not fix, out of
 * support scope, deferred, a module stream) or to break them (truncated, unknown product ids). Everything goes
 * through {@code db import}'s code path into a real store.
 */
class RedHatCsafImporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir Path tmp;

  static Path real(String name) { // also used by RedHatCsafArchiveImporterTest
    try {
      return Path.of(RedHatCsafImporterTest.class.getResource("/match/redhat-vex/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private VulnStore importFiles(String cacheName, Path... files) {
    Path cache = tmp.resolve(cacheName);
    Imports.importPaths(Arrays.asList(files), cache);
    return VulnStore.open(cache);
  }

  private Path write(String name, JsonNode doc) throws IOException {
    Path p = tmp.resolve(name);
    JSON.writeValue(p.toFile(), doc);
    return p;
  }

  static InstalledPackage rpm(String name, String source, String evr, String label) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (label != null) {
      attrs.put("modularitylabel", label);
    }
    Package p = new Package(Ecosystem.RPM, null, name, evr, source, evr, "x86_64", List.of(), "var/lib/rpm/rpmdb.sqlite",
        attrs);
    return new InstalledPackage("pkg:rpm/redhat/" + name + "@" + evr, p, 0, null, null, List.of(p.location()));
  }

  static final OsInfo RHEL9 = new OsInfo("rhel", "9.4", null, "Red Hat Enterprise Linux 9.4 (Plow)", "etc/os-release");
  static final OsInfo RHEL8 = new OsInfo("rhel", "8.10", null, "Red Hat Enterprise Linux 8.10", "etc/os-release");

  @Test
  void realDocumentsAreRecognisedByContentAndNotTakenForOsv() throws IOException {
    for (String f : List.of("cve-2021-0084.json", "cve-2023-38545.json", "cve-2024-22047.json", "cve-2025-29087.json")) {
      byte[] head = Arrays.copyOf(Files.readAllBytes(real(f)), 16 * 1024);
      assertThat(FeedImporters.sniff(f, head)).get().satisfies(i -> assertThat(i.format()).isEqualTo("redhat-csaf-vex"));
    }
  }

  @Test
  void notAffectedProductsSuppressAndTheirStatusIsKept() {
    try (VulnStore store = importFiles("kernel", real("cve-2021-0084.json"))) {
      List<OsvRecord> r = store.advisories("Red Hat:enterprise_linux:9", "kernel");
      assertThat(r).singleElement().satisfies(rec -> {
        assertThat(rec.id()).isEqualTo("CVE-2021-0084");
        assertThat(rec.affected()).filteredOn(a -> a.pkg().name().equals("kernel"))
            .allSatisfy(a -> assertThat(a.ecosystemSpecific().get("status").asText()).isEqualTo("not_affected"));
      });
      assertThat(new Matcher().match(List.of(rpm("kernel-core", "kernel", "5.14.0-427.13.1.el9_4", null)), RHEL9,
          store, NOW)).isEmpty();
    }
  }

  @Test
  void willNotFixOutOfSupportAndDeferredAreReportedAsSuch() throws IOException {
    // the real kernel document, with RHEL 7/8/9 moved to known_affected under Red Hat's three unfixed remediations
    ObjectNode doc = (ObjectNode) JSON.readTree(real("cve-2021-0084.json").toFile());
    ObjectNode v = (ObjectNode) doc.get("vulnerabilities").get(0);
    ObjectNode status = (ObjectNode) v.get("product_status");
    status.remove("known_not_affected");
    status.putArray("known_affected").add("red_hat_enterprise_linux_9:kernel").add("red_hat_enterprise_linux_8:kernel")
        .add("red_hat_enterprise_linux_7:kernel");
    ArrayNode rem = v.putArray("remediations");
    rem.addObject().put("category", "no_fix_planned").put("details", "Will not fix").putArray("product_ids")
        .add("red_hat_enterprise_linux_9:kernel");
    rem.addObject().put("category", "no_fix_planned").put("details", "Out of support scope").putArray("product_ids")
        .add("red_hat_enterprise_linux_7:kernel");
    rem.addObject().put("category", "none_available").put("details", "Deferred").putArray("product_ids")
        .add("red_hat_enterprise_linux_8:kernel");
    v.putArray("threats").addObject().put("category", "impact").put("details", "Moderate").putArray("product_ids")
        .add("red_hat_enterprise_linux_9:kernel");
    try (VulnStore store = importFiles("wontfix", write("cve-2021-0084-wontfix.json", doc))) {
      List<Vulnerability> nine = new Matcher().match(List.of(rpm("kernel", "kernel", "5.14.0-1.el9", null)), RHEL9,
          store, NOW);
      assertThat(nine).singleElement().satisfies(f -> {
        assertThat(f.status()).isEqualTo(Status.WILL_NOT_FIX);
        assertThat(f.note()).isEqualTo("Will not fix");
        assertThat(f.vendorSeverity()).isEqualTo("Moderate");
        assertThat(f.fixedVersions()).isEmpty();
      });
      List<Vulnerability> eight = new Matcher().match(List.of(rpm("kernel", "kernel", "4.18.0-1.el8", null)), RHEL8,
          store, NOW);
      assertThat(eight).singleElement().satisfies(f -> {
        assertThat(f.status()).isEqualTo(Status.AFFECTED);
        assertThat(f.note()).isEqualTo("Deferred");
      });
      assertThat(store.advisories("Red Hat:enterprise_linux:7", "kernel")).singleElement()
          .satisfies(r -> assertThat(r.affected()).anySatisfy(a -> assertThat(a.ecosystemSpecific().get("status")
              .asText()).isEqualTo("end_of_life")));
    }
  }

  @Test
  void moduleComponentsMatchOnlyPackagesOfThatModuleStream() throws IOException {
    // the real kernel document's shape, with Red Hat's module component spelling (<module>:<stream>/<package>)
    ObjectNode doc = (ObjectNode) JSON.readTree(real("cve-2021-0084.json").toFile());
    ArrayNode rels = (ArrayNode) doc.get("product_tree").get("relationships");
    ObjectNode rel = rels.addObject();
    rel.put("category", "default_component_of").put("product_reference", "nodejs:18/nodejs")
        .put("relates_to_product_reference", "red_hat_enterprise_linux_8");
    rel.putObject("full_product_name").put("name", "nodejs:18/nodejs as a component of Red Hat Enterprise Linux 8")
        .put("product_id", "red_hat_enterprise_linux_8:nodejs:18/nodejs");
    ObjectNode status = (ObjectNode) doc.get("vulnerabilities").get(0).get("product_status");
    status.putArray("known_affected").add("red_hat_enterprise_linux_8:nodejs:18/nodejs");
    try (VulnStore store = importFiles("module", write("cve-2021-0084-module.json", doc))) {
      String release = "1:18.17.1-1.module+el8.8.0+19757+8ca87034";
      assertThat(new Matcher().match(List.of(rpm("nodejs", "nodejs", release, "nodejs:18:8080020230807161425:ad008a3a")),
          RHEL8, store, NOW)).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.AFFECTED));
      // another stream of the module, and a non-modular nodejs: not this advisory
      assertThat(new Matcher().match(List.of(rpm("nodejs", "nodejs", "1:20.1.0-1.module+el8.9.0+1+2",
          "nodejs:20:8090020231024123456:ad008a3a")), RHEL8, store, NOW)).isEmpty();
      assertThat(new Matcher().match(List.of(rpm("nodejs", "nodejs", "1:18.17.1-1.el8", null)), RHEL8, store, NOW))
          .isEmpty();
    }
  }

  @Test
  void unknownProductIdsAreSkippedWithOneLineEachAndTheRestIsImported() throws IOException {
    ObjectNode doc = (ObjectNode) JSON.readTree(real("cve-2024-22047.json").toFile());
    ((ArrayNode) doc.get("vulnerabilities").get(0).get("product_status").get("known_affected"))
        .add("red_hat_enterprise_linux_42:no-such-package");
    Path cache = tmp.resolve("unknown");
    ImportReport report = Imports.importPaths(List.of(write("cve-2024-22047-unknown.json", doc)), cache);
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.toString()).contains("cve-2024-22047-unknown.json vulnerabilities[0] CVE-2024-22047"
          + " red_hat_enterprise_linux_42:no-such-package: unknown product id (not in product_tree)");
      assertThat(s.toString()).doesNotContain("\n");
    });
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("Red Hat:satellite:6", "rubygem-audited")).singleElement()
          .satisfies(r -> assertThat(r.affected().get(0).ecosystemSpecific().get("status").asText()).isEqualTo("open"));
    }
  }

  @Test
  void aTruncatedDocumentFailsWithOneLineNamingTheFile() throws IOException {
    byte[] whole = Files.readAllBytes(real("cve-2023-38545.json"));
    Path cut = tmp.resolve("cve-2023-38545-truncated.json");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> Imports.importPaths(List.of(cut), tmp.resolve("cut")))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut + ": malformed CSAF JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aFileOfRealAndTruncatedDocumentsInOneDirectoryImportsTheGoodOnes() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mixed"));
    Files.copy(real("cve-2021-0084.json"), dir.resolve("cve-2021-0084.json"));
    byte[] whole = Files.readAllBytes(real("cve-2024-22047.json"));
    Files.write(dir.resolve("cve-2024-22047.json"), Arrays.copyOf(whole, whole.length - 40));
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("mixed-cache"));
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).isEqualTo(dir.resolve("cve-2024-22047.json").toString());
      assertThat(s.reason()).startsWith("malformed CSAF JSON").doesNotContain("\n");
    });
    try (VulnStore store = VulnStore.open(tmp.resolve("mixed-cache"))) {
      assertThat(store.advisories("Red Hat:enterprise_linux:9", "kernel")).hasSize(1);
    }
  }

  @Test
  void cpesMapTheMainRhelStreamsToOneEcosystemAndKeepOthersApart() {
    assertThat(RedHatCsafImporter.ecosystem("cpe:/o:redhat:enterprise_linux:9"))
        .containsExactly("Red Hat:enterprise_linux:9", null);
    assertThat(RedHatCsafImporter.ecosystem("cpe:/a:redhat:enterprise_linux:9::appstream"))
        .containsExactly("Red Hat:enterprise_linux:9", "appstream");
    assertThat(RedHatCsafImporter.ecosystem("cpe:/o:redhat:enterprise_linux:8::baseos"))
        .containsExactly("Red Hat:enterprise_linux:8", "baseos");
    assertThat(RedHatCsafImporter.ecosystem("cpe:/a:redhat:rhel_eus:9.2::appstream"))
        .containsExactly("Red Hat:rhel_eus:9.2::appstream", null);
  }
}
