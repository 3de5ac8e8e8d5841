package dev.drydock.vulndb.feed.eol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vulndb.AdvisorySource.EndOfLifeEntry;
import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * endoflife.date's real product files (src/test/resources/eol/, see FIXTURES.md there) imported into a real store by
 * {@code db import}'s code path: the rows must equal {@code expected.tsv}, which {@code oracle.py} wrote from the same
 * files with PyYAML, independently of the Java code.
 */
class EndOfLifeDateImporterTest {
  @TempDir Path cache;
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(EndOfLifeDateImporterTest.class.getResource("/eol/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyReleaseOfTheRealFilesAsTheOracleReadsThem() throws IOException, SQLException {
    ImportReport report = Imports.importPaths(List.of(fixture("debian.md"), fixture("rhel.md")), cache);
    assertThat(report.skipped()).isEmpty();
    List<String> expected = Files.readAllLines(fixture("expected.tsv")).stream().filter(l -> !l.isBlank()).toList();
    assertThat(report.records()).isEqualTo(expected.size());

    List<String> actual = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache.resolve("vulndb.sqlite"));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT family, release, end_date, extended FROM end_of_life")) {
      while (rs.next()) {
        actual.add(rs.getString(1) + "\t" + rs.getString(2) + "\t" + dash(rs.getString(3)) + "\t"
            + dash(rs.getString(4)));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);

    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.endOfLife("debian", "12")).get().satisfies(e -> {
        assertThat(e.end()).isEqualTo("2028-06-10"); // the free LTS end, not the 2026-06-10 security team end
        assertThat(e.extended()).isNull();
        assertThat(e.link()).isEqualTo("https://www.debian.org/News/2025/20250111");
        assertThat(e.source()).isNotBlank();
      });
      assertThat(store.endOfLife("rhel", "9")).contains(new EndOfLifeEntry("rhel", "9", "2032-05-31", "2035-05-31",
          "https://access.redhat.com/support/policy/updates/errata", store.endOfLife("rhel", "9").get().source()));
      assertThat(store.endOfLife("rhel", "10")).isEmpty();
      assertThat(store.sources()).allSatisfy(s -> assertThat(s.contents()).containsKey("eol"));
    }
  }

  @Test
  void aReleaseWithABadDateIsSkippedWithOneLineAndTheRestIsImported() throws IOException {
    String text = Files.readString(fixture("rhel.md")).replace("eol: 2029-05-31", "eol: soon");
    Path f = Files.writeString(tmp.resolve("rhel.md"), text);
    ImportReport report = Imports.importPaths(List.of(f), cache);
    assertThat(report.records()).isEqualTo(5);
    assertThat(report.skipped()).singleElement().asString()
        .contains("rhel.md releases[1] 8")
        .contains("eol 'soon' is not a date")
        .doesNotContain("\n");
  }

  @Test
  void aTruncatedFileAndAProductThatIsNotAnOsFailWithOneLineEach() throws IOException {
    String text = Files.readString(fixture("debian.md"));
    Path truncated = Files.writeString(tmp.resolve("debian.md"), text.substring(0, text.indexOf("-   releaseCycle: \"9\"")));
    assertThatThrownBy(() -> Imports.importPaths(List.of(truncated), cache))
        .isInstanceOf(dev.drydock.vulndb.feed.FeedException.class)
        .hasMessageContaining("debian.md: endoflife.date front matter has no closing '---'")
        .hasMessageNotContaining("\n");

    Path other = Files.writeString(tmp.resolve("nginx.md"),
        text.replace("permalink: /debian", "permalink: /nginx"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Imports.importPaths(List.of(other), cache))
        .hasMessageContaining("endoflife.date product 'nginx' is not an operating system drydock judges")
        .hasMessageContaining("the store is unchanged");
  }

  @Test
  void recognisesProductFilesByContentOnly() throws IOException {
    EndOfLifeDateImporter importer = new EndOfLifeDateImporter();
    assertThat(importer.recognises("x.txt", Files.readAllBytes(fixture("rhel.md")))).isTrue();
    assertThat(importer.recognises("debian.md", "# Debian\n\nreleaseCycle: 1\n".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThatThrownBy(() -> EndOfLifeDateImporter.Product.valueOf("NOPE")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
