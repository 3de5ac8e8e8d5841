package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.OsInfo;
import dev.drydock.model.Vulnerability;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-of-life dates travel with the store: once endoflife.date's product files (the real debian.md and rhel.md
 * of src/test/resources/eol/) are imported, matching takes the release's dates from the store, not from drydock's
 * built-in table, and says where the date came from. The two disagree on Debian 12 (the store's file: LTS ends
 * 2028-06-10; the built-in table: 2028-06-30), which is what this test uses.
 */
class EndOfLifeFromStoreTest {
  @TempDir static Path cache;
  static VulnStore store;

  @BeforeAll
  static void importFiles() throws URISyntaxException {
    Path dir = Path.of(EndOfLifeFromStoreTest.class.getResource("/eol").toURI());
    Imports.importPaths(List.of(dir.resolve("debian.md"), dir.resolve("rhel.md")), cache);
    store = VulnStore.open(cache);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static List<Vulnerability> eol(String family, String version, AdvisorySource source, String now) {
    return new Matcher().match(List.of(), new OsInfo(family, version, null, null, "etc/os-release"), source,
        Instant.parse(now));
  }

  @Test
  void theStoresDateWinsOverTheBuiltInTable() {
    AdvisorySource none = new ListAdvisorySource(List.of());
    // 2028-06-20: past the store's 2028-06-10, before the built-in 2028-06-30
    assertThat(eol("debian", "12", none, "2028-06-20T00:00:00Z")).isEmpty();
    assertThat(eol("debian", "12", store, "2028-06-20T00:00:00Z")).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("DRYDOCK-EOL-debian-12");
      String source = store.endOfLife("debian", "12").orElseThrow().source();
      assertThat(v.title()).isEqualTo("debian 12 reached end of life on 2028-06-10; it receives no security updates"
          + " (date: endoflife.date, store source " + source + ")");
      assertThat(v.links()).containsExactly("https://www.debian.org/News/2025/20250111");
    });
  }

  @Test
  void aMinorReleaseFindsItsMajorAndPaidSupportIsNamed() {
    assertThat(eol("rhel", "9.4", store, "2033-01-01T00:00:00Z")).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("DRYDOCK-EOL-rhel-9");
      assertThat(v.title()).startsWith("rhel 9 reached end of life on 2032-05-31; it receives no security updates"
          + " (paid extended support, ELS, runs to 2035-05-31) (date: endoflife.date, store source ");
    });
    assertThat(eol("rhel", "9.4", store, "2032-05-31T12:00:00Z")).isEmpty(); // the last day is still supported
  }

  @Test
  void aReleaseTheStoreDoesNotNameFallsBackToTheBuiltInTable() {
    // Ubuntu is not in this store: the built-in table still judges it
    assertThat(eol("ubuntu", "20.04", store, "2026-11-29T00:00:00Z")).singleElement()
        .satisfies(v -> assertThat(v.title()).startsWith("ubuntu 20.04 reached end of life on 2025-05-31"));
  }
}
