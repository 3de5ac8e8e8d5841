package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.FeedException;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.feed.Skipped;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photon OS matching against real Photon CVE metadata files (src/test/resources/match/photon/, FIXTURES.md in
 * match/), imported into a real store through {@code db import}'s code path (content detection). The expected
 * findings are {@code expected.tsv} there, written by {@code oracle.py} from the same files independently of the
 * Java code; every inventory row of the oracle is matched and the finding set must be equal.
 */
class PhotonMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importFiles() {
    report = Imports.importPaths(List.of(Feeds.dir("photon")), cache);
    store = VulnStore.open(cache);
  }

  static OsInfo photon(String version) {
    return new OsInfo("photon", version, null, "VMware Photon OS/Linux", "etc/os-release");
  }

  /** An installed binary rpm of source package {@code source}, the way the rpm analyzer reports it. */
  static InstalledPackage rpm(String name, String source, String vr) {
    Package p = new Package(Ecosystem.RPM, null, name, vr, source, vr, "x86_64", List.of(), "var/lib/rpm/rpmdb.sqlite",
        Map.of());
    return new InstalledPackage("pkg:rpm/photon/" + name + "@" + vr, p, 0, "sha256:" + "ef".repeat(32),
        "ADD rootfs.tar /", List.of(p.location()));
  }

  @Test
  void bothFilesAreReadByContentAndNamedByTheirRelease() {
    assertThat(report.imported()).hasSize(2).allSatisfy(r -> assertThat(r.format()).isEqualTo("photon-cve-json"));
    assertThat(report.skipped()).extracting(Skipped::reason).containsOnly("unknown format"); // oracle.py, expected.tsv
    // 4.0: CVE-2023-38545, -38546, -44487, -50447, BDSA-2025-0719; 3.0: four CVEs and UNK-1
    assertThat(report.records()).isEqualTo(10);
    assertThat(store.sources()).singleElement()
        .satisfies(s -> assertThat(s.contents()).containsOnlyKeys("Photon OS:3.0", "Photon OS:4.0"));
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("photon");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(16).allSatisfy(f -> assertThat(f).hasSize(4));
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      for (Vulnerability v : new Matcher().match(List.of(rpm(row[1], row[2], row[3])), photon(row[0]), store, NOW)) {
        assertThat(v.sources()).containsExactly("photon");
        actual.add(String.join("\t", row[0], row[1], row[2], row[3], v.id(), v.status().name(),
            String.join(",", v.fixedVersions())));
      }
    }
    assertThat(expected).hasSize(8);
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aReleaseWithoutDataIsNotCheckedAndOtherRpmDistributionsNeverTakePhotonData() {
    InstalledPackage curl = rpm("curl", "curl", "7.88.1-3.ph4");
    assertThat(Coverages.of(List.of(curl), photon("4.0"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
    assertThat(Coverages.of(List.of(curl), photon("5.0"), store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> {
          assertThat(c.checked()).isFalse();
          assertThat(c.reason()).isEqualTo("no advisory data for photon 5.0: 1 package not checked");
        });
    OsInfo rhel = new OsInfo("rhel", "9.3", null, "Red Hat Enterprise Linux 9.3", "etc/os-release");
    assertThat(new Matcher().match(List.of(curl), rhel, store, NOW)).isEmpty();
  }

  @Test
  void photonsVersionIdIsTheRelease() {
    assertThat(PackageQuery.photonRelease("5.0")).isEqualTo("5.0");
    assertThat(PackageQuery.photonRelease("4")).isEqualTo("4.0");
    assertThat(PackageQuery.photonRelease("3.0.1")).isEqualTo("3.0");
    assertThat(PackageQuery.photonRelease("")).isNull();
    assertThat(PackageQuery.photonRelease(null)).isNull();
  }

  @Test
  void aRenamedFileTakesItsReleaseFromThePhDistTag(@TempDir Path tmp) throws IOException {
    Path renamed = Files.copy(Feeds.dir("photon").resolve("cve_data_photon4.0.json"), tmp.resolve("advisories.json"));
    Path other = tmp.resolve("cache");
    ImportReport r = Imports.importPaths(List.of(renamed), other);
    assertThat(r.records()).isEqualTo(5);
    try (VulnStore s = VulnStore.open(other)) {
      assertThat(s.sources()).singleElement().satisfies(x -> assertThat(x.contents()).containsOnlyKeys("Photon OS:4.0"));
    }
  }

  @Test
  void badInputIsOneLineEachAndTheRestIsImported(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("feeds"));
    for (String bad : List.of("cve_data_photon_invalid_format.json", "cve_data_photon_empty_cveid.json")) {
      Files.copy(Feeds.dir("photon-bad").resolve(bad), dir.resolve(bad));
    }
    byte[] real = Files.readAllBytes(Feeds.dir("photon").resolve("cve_data_photon4.0.json"));
    Files.write(dir.resolve("cve_data_photon4.0.json"), real);
    Files.write(dir.resolve("cve_data_photon5.0.json"), Arrays.copyOf(real, 700)); // truncated mid-entry
    Files.writeString(dir.resolve("cve_data_photon3.0.json"), """
        [
          {"cve_id": "CVE-2019-3828", "cve_score": 10, "res_ver": "2.7.6-2.ph3"},
          "not an entry",
          {"cve_id": "CVE-2019-0199", "pkg": "apache-tomcat", "res_ver": "8.5.40-1.ph3"}
        ]
        """);
    ImportReport r = Imports.importPaths(List.of(dir), tmp.resolve("cache"));
    assertThat(r.records()).isEqualTo(5 + 1);
    assertThat(r.skipped()).hasSize(5).extracting(Skipped::toString).contains(
        dir.resolve("cve_data_photon3.0.json") + " [0]: CVE-2019-3828: entry without pkg",
        dir.resolve("cve_data_photon3.0.json") + " [1]: entry is not an object",
        dir.resolve("cve_data_photon_empty_cveid.json") + " [0]: entry without cve_id (pkg ansible)",
        dir.resolve("cve_data_photon5.0.json") + ": malformed JSON at line 30: Unexpected end-of-input in field name")
        .anySatisfy(s -> assertThat(s).startsWith(dir.resolve("cve_data_photon_invalid_format.json")
            + ": malformed JSON at line 8: Unexpected close marker ']'"));
    assertThat(r.skipped()).allSatisfy(s -> assertThat(s.toString()).doesNotContain("\n").doesNotContain("at com."));
    try (VulnStore s = VulnStore.open(tmp.resolve("cache"))) {
      assertThat(s.sources()).singleElement()
          .satisfies(x -> assertThat(x.contents()).containsOnlyKeys("Photon OS:3.0", "Photon OS:4.0"));
    }
  }

  @Test
  void aFileWithNeitherReleaseNameNorDistTagIsRefused(@TempDir Path tmp) throws IOException {
    Path f = Files.writeString(tmp.resolve("data.json"),
        "[{\"cve_id\": \"CVE-2023-50447\", \"pkg\": \"python3\", \"aff_ver\": \"NA\", \"res_ver\": \"NA\"}]");
    assertThatThrownBy(() -> Imports.importPaths(List.of(f), tmp.resolve("cache")))
        .isInstanceOf(FeedException.class)
        .hasMessage(f + ": cannot tell the Photon OS release: the file name holds no photon<N.N> and no res_ver"
            + " carries a .phN tag");
  }
}
