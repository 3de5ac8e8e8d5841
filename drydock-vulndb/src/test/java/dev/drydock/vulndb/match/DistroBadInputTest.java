package dev.drydock.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.vulndb.feed.ImportReport;
import dev.drydock.vulndb.feed.Imports;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated Ubuntu OSV records and a truncated Wolfi secdb beside good files: each bad file is one skipped line
 * naming it, the rest of the directory is imported (the real files of src/test/resources/match/, cut in the test).
 */
class DistroBadInputTest {
  @TempDir Path tmp;

  @Test
  void aTruncatedUbuntuRecordIsSkippedAndTheUsnIsImported() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("ubuntu"));
    Files.copy(Feeds.dir("ubuntu").resolve("USN-6859-1.json"), dir.resolve("USN-6859-1.json"));
    byte[] cve = Files.readAllBytes(Feeds.dir("ubuntu").resolve("UBUNTU-CVE-2024-6387.json"));
    Files.write(dir.resolve("UBUNTU-CVE-2024-6387.json"), Arrays.copyOf(cve, cve.length / 2));
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("cache"));
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).endsWith("UBUNTU-CVE-2024-6387.json");
      assertThat(s.reason()).isNotBlank().doesNotContain("\n");
    });
    try (VulnStore store = VulnStore.open(tmp.resolve("cache"))) {
      assertThat(store.advisories("Ubuntu:22.04:LTS", "openssh")).singleElement()
          .satisfies(r -> assertThat(r.id()).isEqualTo("USN-6859-1"));
    }
  }

  @Test
  void aTruncatedWolfiSecdbIsSkippedBesideGoodData() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("wolfi"));
    byte[] secdb = Files.readAllBytes(Feeds.dir("wolfi-secdb").resolve("security.json"));
    Files.write(dir.resolve("security.json"), Arrays.copyOf(secdb, secdb.length - 200));
    Files.copy(Feeds.dir("ubuntu").resolve("USN-6859-1.json"), dir.resolve("USN-6859-1.json"));
    ImportReport report = Imports.importPaths(List.of(dir), tmp.resolve("cache2"));
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).endsWith("security.json");
      assertThat(s.reason()).startsWith("malformed JSON").doesNotContain("\n");
    });
  }
}
