package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.model.Vulnerability.Status;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RHEL / UBI matching against Red Hat's real CSAF VEX documents in src/test/resources/match/redhat-vex/, imported
 * into a real store by {@code db import}'s code path (content detection). The expected findings are
 * {@code expected.tsv} there, written by {@code oracle.py} from the same documents, independently of the Java code
 * (see FIXTURES.md); every inventory row of the oracle is matched and the set of findings must be equal.
 */
class RedHatMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importDocuments() {
    report = Imports.importPaths(List.of(Feeds.dir("redhat-vex")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo rhel(String version) {
    return new OsInfo("rhel", version, null, "Red Hat Enterprise Linux " + version, "etc/os-release");
  }

  /** An installed binary rpm of source package {@code source}, the way the rpm analyzer reports it. */
  static InstalledPackage rpm(String name, String source, String evr, String modularityLabel) {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (modularityLabel != null) {
      attrs.put("modularitylabel", modularityLabel);
    }
    String srcVersion = evr.contains(":") ? evr.substring(evr.indexOf(':') + 1) : evr;
    Package p = new Package(Ecosystem.RPM, null, name, evr, source, srcVersion, "x86_64", List.of(),
        "var/lib/rpm/Packages", attrs);
    return new InstalledPackage("pkg:rpm/redhat/" + name + "@" + evr, p, 0, "sha256:" + "ab".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void importReadsEveryDocumentAndSkipsOnlyTheProductIdsWithoutComponent() {
    assertThat(report.records()).isEqualTo(4);
    assertThat(store.sources()).singleElement().satisfies(s -> {
      assertThat(s.contents()).containsKeys("Red Hat:enterprise_linux:9", "Red Hat:enterprise_linux:8",
          "Red Hat:enterprise_linux:10", "Red Hat:satellite:6");
      assertThat(s.data().dataDate()).isNotNull();
    });
  }

  /** The oracle's inventory, as written in oracle.py: major, source package, module stream or "", installed. */
  static List<String[]> inventory() throws IOException {
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(Feeds.dir("redhat-vex"), "INVENTORY"));
    return inventory;
  }

  /** The row's package as installed: a module build carries its stream's rpm modularity label. */
  static InstalledPackage installed(String[] row) {
    String module = row[2].isEmpty() ? null : row[2] + ":1:c";
    return rpm(row[1], row[1], row[3], module);
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("redhat-vex");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = inventory();
    assertThat(inventory).hasSize(16);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      List<Vulnerability> found = new Matcher().match(List.of(installed(row)), rhel(row[0] + ".3"), store, NOW);
      for (Vulnerability v : found) {
        if (v.id().startsWith("DRYDOCK-EOL-")) {
          continue; // RHEL 7's end of maintenance, not an advisory: EndOfLifeDistrosTest
        }
        assertThat(v.sources()).containsExactly("redhat");
        actual.add(String.join("\t", row[0], (row[2].isEmpty() ? "" : row[2] + "/") + row[1], row[3], v.id(),
            v.status().name(), String.join(",", v.fixedVersions()), v.vendorSeverity() == null ? "" : v.vendorSeverity()));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    // the real documents' cases: a module stream, out of support scope, and the fix itself
    assertThat(expected).anyMatch(l -> l.startsWith("8\tnodejs:22/nodejs\t") && l.contains("\tAFFECTED\t"))
        .anyMatch(l -> l.contains("\tEND_OF_LIFE\t")).anyMatch(l -> l.contains("\tFIXED\t"));
  }

  @Test
  void vendorNotAffectedIsListedWithItsJustificationExactlyAsTheOracleSays() throws IOException {
    List<String> expected = Files.readAllLines(Feeds.dir("redhat-vex").resolve("expected-not-affected.tsv")).stream()
        .filter(l -> !l.isBlank()).toList();
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory()) {
      Matcher.Outcome o = new Matcher().matchAll(List.of(installed(row)), rhel(row[0] + ".3"), store, NOW);
      for (Matcher.VendorStatement s : o.vendorNotAffected()) {
        Vulnerability v = s.finding();
        String flag = s.reason().startsWith("vendor: not affected (Red Hat CSAF VEX): ")
            ? s.reason().substring("vendor: not affected (Red Hat CSAF VEX): ".length()) : "";
        assertThat(s.reason()).startsWith("vendor: not affected (Red Hat CSAF VEX)");
        assertThat(s.by()).isEqualTo("vendor:redhat");
        assertThat(v.status()).isEqualTo(Status.MITIGATED);
        assertThat(v.mitigation()).isEqualTo(s.reason());
        assertThat(o.findings()).noneMatch(f -> f.id().equals(v.id())); // never both found and suppressed
        actual.add(String.join("\t", row[0], (row[2].isEmpty() ? "" : row[2] + "/") + row[1], row[3], v.id(), flag));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    // curl CVE-2023-38545 on RHEL 8 (one of the document's 247 known_not_affected ids), sqlite on RHEL 8 and 9
    assertThat(expected).contains("8\tcurl\t7.61.1-30.el8_8.3\tCVE-2023-38545\tvulnerable_code_not_present",
        "9\tsqlite\t3.34.1-7.el9_3\tCVE-2025-29087\tvulnerable_code_not_present");
  }

  /** XUS_INVENTORY of oracle.py: VERSION_ID, content sets (space-separated), package, module stream, installed. */
  static List<String[]> xusInventory() throws IOException {
    String text = Files.readString(Feeds.dir("redhat-vex").resolve("oracle.py"));
    int from = text.indexOf("XUS_INVENTORY = [");
    String block = text.substring(from, text.indexOf("\n]", from)).replaceAll("#[^\n]*", "");
    List<String[]> rows = new ArrayList<>();
    java.util.regex.Matcher tuple = java.util.regex.Pattern.compile("\\(([^()]*)\\)").matcher(block);
    while (tuple.find()) {
      List<String> f = new ArrayList<>();
      java.util.regex.Matcher q = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(tuple.group(1));
      while (q.find()) {
        f.add(q.group(1));
      }
      rows.add(f.toArray(String[]::new));
    }
    return rows;
  }

  @Test
  void anEusImageIsJudgedByItsStreamAndByTheMainStreamWhereItsStreamSaysNothing() throws IOException {
    Path dir = Feeds.dir("redhat-vex");
    List<String> expected = Files.readAllLines(dir.resolve("expected-xus.tsv")).stream().filter(l -> !l.isBlank())
        .toList();
    List<String> expectedNotAffected = Files.readAllLines(dir.resolve("expected-xus-not-affected.tsv")).stream()
        .filter(l -> !l.isBlank()).toList();
    List<String[]> rows = xusInventory();
    assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r).hasSize(5));
    List<String> actual = new ArrayList<>();
    List<String> actualNotAffected = new ArrayList<>();
    for (String[] row : rows) {
      OsInfo os = new OsInfo("rhel", row[0], null, "Red Hat Enterprise Linux " + row[0], "etc/os-release",
          List.of(row[1].split(" ")));
      InstalledPackage ip = installed(new String[] {row[0], row[2], row[3], row[4]});
      Matcher.Outcome o = new Matcher().matchAll(List.of(ip), os, store, NOW);
      String name = (row[3].isEmpty() ? "" : row[3] + "/") + row[2];
      for (Vulnerability v : o.findings()) {
        actual.add(String.join("\t", row[0], name, row[4], v.id(), v.status().name(),
            String.join(",", v.fixedVersions()), v.vendorSeverity() == null ? "" : v.vendorSeverity()));
      }
      for (Matcher.VendorStatement s : o.vendorNotAffected()) {
        actualNotAffected.add(String.join("\t", row[0], name, row[4], s.finding().id(),
            s.reason().replaceFirst("^vendor: not affected \\(Red Hat CSAF VEX\\)(: )?", "")));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(actualNotAffected).containsExactlyInAnyOrderElementsOf(expectedNotAffected);
    // the 9.0 EUS build gets the 9.0 EUS fix only; without content manifests the main stream's fixes apply
    assertThat(expected).contains("9.0\tcurl\t7.76.1-14.el9_0.5\tCVE-2023-38545\tFIXED\t7.76.1-14.el9_0.9\tImportant");
    assertThat(new Matcher().match(List.of(rpm("curl", "curl", "7.76.1-14.el9_0.5", null)), rhel("9.0"), store, NOW))
        .singleElement().satisfies(v -> assertThat(v.fixedVersions()).containsExactly("7.76.1-23.el9_2.4",
            "7.76.1-26.el9_3.2"));
    assertThat(PackageQuery.redHatStreams(new OsInfo("rhel", "9.2", null, null, "etc/os-release",
        List.of("rhel-9-for-x86_64-baseos-eus-rpms__9_DOT_2", "rhel-9-for-x86_64-appstream-eus-rpms__9_DOT_2",
            "rhel-8-for-x86_64-baseos-eus-rpms__8_DOT_6", "rhel-9-for-x86_64-appstream-rpms"))))
        .containsExactly("Red Hat:rhel_eus:9.2::appstream", "Red Hat:rhel_eus:9.2::baseos");
  }

  @Test
  void vendorSeverityStandsBesideCvssAndTheErratumIsLinked() {
    List<Vulnerability> found = new Matcher().match(List.of(rpm("libcurl", "curl", "7.76.1-26.el9", null)),
        rhel("9.3"), store, NOW);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(Status.FIXED);
      assertThat(v.vendorSeverity()).isEqualTo("Important");
      assertThat(v.cvss()).isNotEmpty();
      assertThat(v.links()).contains("https://access.redhat.com/errata/RHSA-2023:6745");
      assertThat(v.packageName()).isEqualTo("curl");
    });
  }

  @Test
  void theModuleStreamOfTheRealDocumentIsOnlyItsOwn() {
    // CVE-2025-29087 names nodejs:22 packages of RHEL 8 and 9 (purl rpmmod qualifier) and no non-modular nodejs
    assertThat(store.advisories("Red Hat:enterprise_linux:8", "nodejs:22/nodejs")).singleElement()
        .satisfies(r -> assertThat(r.affected()).anySatisfy(a -> {
          assertThat(a.pkg().name()).isEqualTo("nodejs:22/nodejs");
          assertThat(a.ecosystemSpecific().get("status").asText()).isEqualTo("deferred");
          assertThat(a.ecosystemSpecific().get("note").asText()).isEqualTo("Fix deferred");
        }));
    assertThat(store.advisories("Red Hat:enterprise_linux:9", "nodejs")).isEmpty();
    assertThat(store.advisories("Red Hat:enterprise_linux:8", "nodejs.src-nodejs:22")).isEmpty();
    List<Vulnerability> found = new Matcher().match(List.of(rpm("nodejs", "nodejs",
        "1:22.19.0-1.module+el8.10.0+23436+2d3b4f7e", "nodejs:22:8100020250101000000:ad008a3a")), rhel("8.10"), store, NOW);
    assertThat(found).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(Status.AFFECTED);
      assertThat(v.note()).isEqualTo("Fix deferred");
      assertThat(v.packageName()).isEqualTo("nodejs:22/nodejs");
    });
  }

  @Test
  void aModuleBuildWithoutItsLabelIsNotMatchedAsTheNonModularPackage() {
    // same source name as the non-modular curl, but a module build: never compared with curl's fixes
    InstalledPackage modular = rpm("curl", "curl", "7.76.1-1.module+el9.3.0+1+abcdef", null);
    assertThat(PackageQuery.of(modular, rhel("9.3"))).isEmpty();
    InstalledPackage labelled = rpm("curl", "curl", "7.76.1-1.module+el9.3.0+1+abcdef", "curl:7:9030:abcdef");
    assertThat(PackageQuery.of(labelled, rhel("9.3"))).get()
        .satisfies(q -> assertThat(q.name()).isEqualTo("curl:7/curl"));
    assertThat(new Matcher().match(List.of(labelled), rhel("9.3"), store, NOW)).isEmpty();
  }

  @Test
  void rhelCoverageIsCheckedWithTheVendorDataAndNotCheckedForAReleaseItDoesNotKnow() {
    List<InstalledPackage> pkgs = List.of(rpm("curl", "curl", "7.76.1-26.el9", null));
    assertThat(Coverages.of(pkgs, rhel("9.3"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    // RHEL 11 is named nowhere in these documents (5 to 10 are): not checked, never clean
    assertThat(Coverages.of(pkgs, rhel("11.0"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for rhel 11.0: 1 package not checked");
        });
  }
}
