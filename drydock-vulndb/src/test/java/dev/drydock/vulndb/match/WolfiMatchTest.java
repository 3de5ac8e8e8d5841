package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.InstalledPackage;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wolfi matching against an excerpt of Wolfi's secdb (src/test/resources/match/wolfi-secdb/, FIXTURES.md there),
 * imported into a real store by content detection; expected findings are {@code expected.tsv} there, written by
 * {@code oracle.py} from the same file.
 */
class WolfiMatchTest {
  private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  private static final OsInfo WOLFI = new OsInfo("wolfi", "20230201", null, "Wolfi", "etc/os-release");

  @TempDir static Path cache;
  static VulnStore store;
  static ImportReport report;

  @BeforeAll
  static void importSecdb() {
    report = Imports.importPaths(List.of(Feeds.dir("wolfi-secdb").resolve("security.json")), cache);
    store = VulnStore.open(cache);
  }

  @Test
  void theSecdbWithoutDistroversionIsWolfisOwnEcosystem() {
    assertThat(report.imported()).singleElement().satisfies(r -> assertThat(r.format()).isEqualTo("alpine-secdb"));
    assertThat(store.sources()).singleElement().satisfies(s -> assertThat(s.contents()).containsOnlyKeys("Wolfi"));
  }

  @Test
  void everyOracleRowAndNothingElse() throws IOException {
    Path dir = Feeds.dir("wolfi-secdb");
    List<String> expected = Feeds.expected(dir, "expected.tsv");
    List<String[]> inventory = new ArrayList<>(Feeds.oracleRows(dir, "INVENTORY"));
    assertThat(inventory).hasSize(8);
    List<String> actual = new ArrayList<>();
    for (String[] row : inventory) {
      InstalledPackage ip = Feeds.osPkg(Ecosystem.APK, row[0], row[0], row[1]);
      for (Vulnerability v : new Matcher().match(List.of(ip), WOLFI, store, NOW)) {
        assertThat(v.sources()).containsExactly("wolfi");
        actual.add(String.join("\t", v.packageName(), v.installedVersion(), v.id(), v.status().name(),
            String.join(",", v.fixedVersions())));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anAlpineImageNeverTakesWolfiAdvisoriesNorTheOtherWayRound() {
    InstalledPackage zlib = Feeds.osPkg(Ecosystem.APK, "zlib", "zlib", "1.2.12-r2");
    OsInfo alpine = new OsInfo("alpine", "3.16.2", null, "Alpine Linux v3.16", "etc/os-release");
    assertThat(new Matcher().match(List.of(zlib), alpine, store, NOW)).noneMatch(v -> v.id().startsWith("CVE-"));
    assertThat(Coverages.of(List.of(zlib), alpine, store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isFalse());
    assertThat(Coverages.of(List.of(zlib), WOLFI, store, NOW, 100000).coverage()).singleElement()
        .satisfies(c -> assertThat(c.checked()).isTrue());
  }
}
