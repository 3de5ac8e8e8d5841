package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.store.StoreBuilder;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db import} given inputs that empty a source, look like a feed without being one, or are not files at all
 * (issue 18). Each hostile input is built here.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileImportTest {
  @TempDir Path cache;
  @TempDir Path work;

  private static String kev(String cve) {
    return "{\"title\": \"CISA Catalog of Known Exploited Vulnerabilities\", \"catalogVersion\": \"2024.05.01\",\n"
        + " \"dateReleased\": \"2024-05-01T14:00:00.000Z\", \"count\": 1, \"vulnerabilities\": [\n"
        + "  {\"cveID\": \"" + cve + "\", \"vendorProject\": \"Apache\", \"product\": \"Log4j2\","
        + " \"dateAdded\": \"2021-12-10\", \"dueDate\": \"2021-12-24\", \"knownRansomwareCampaignUse\": \"Known\","
        + " \"requiredAction\": \"Apply updates.\"}\n]}\n";
  }

  private static long records(Path cache, String source) {
    try (VulnStore store = VulnStore.open(cache)) {
      return store.status().sources().stream().filter(s -> s.name().equals(source)).findFirst().orElseThrow()
          .records();
    }
  }

  @Test
  void reimportingAKevFileWhoseRecordsAreAllInvalidKeepsTheOldRows() throws IOException {
    Path file = work.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(file, kev("CVE-2021-44228"));
    Imports.importPaths(List.of(file), cache);
    byte[] before = Files.readAllBytes(VulnStore.storeFile(cache));

    Files.writeString(file, kev("not-a-cve"));
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(file.toAbsolutePath() + ": no valid record to import (1 skipped, the first: ")
        .hasMessageEndingWith("); the store is unchanged")
        .hasMessageNotContaining("\n");
    assertThat(Files.readAllBytes(VulnStore.storeFile(cache))).isEqualTo(before);
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.kev("CVE-2021-44228")).isPresent();
    }
  }

  @Test
  void aGhsaFolderOfInvalidRecordsDoesNotEmptyItsSource() throws IOException {
    Path ghsa = work.resolve("ghsa");
    List<Path> originals;
    try (Stream<Path> s = Files.walk(DistroFeedsTest.feeds("ghsa"))) {
      originals = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path p : originals) {
      Path to = ghsa.resolve(DistroFeedsTest.feeds("ghsa").relativize(p).toString());
      Files.createDirectories(to.getParent());
      Files.copy(p, to);
    }
    Imports.importPaths(List.of(ghsa), cache);
    String source = "import:" + ghsa.toAbsolutePath();
    long imported = records(cache, source);
    assertThat(imported).isEqualTo(originals.size());

    // every file is still an OSV record, but none is usable (an ecosystem drydock does not know)
    try (Stream<Path> s = Files.walk(ghsa)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.writeString(p, "{\"id\": \"" + p.getFileName().toString().replace(".json", "")
            + "\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": [{\"package\": {\"ecosystem\": \"Hex\","
            + " \"name\": \"plug\"}}]}\n");
      }
    }
    assertThatThrownBy(() -> Imports.importPaths(List.of(ghsa), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(ghsa.toAbsolutePath() + ": no valid record to import (17 skipped, the first: ")
        .hasMessageContaining(": unknown eco"); // the first reason is cut to a length: a longer TMPDIR cuts more
    assertThat(records(cache, source)).isEqualTo(imported);
  }

  @Test
  void theKevJsonSchemaBesideTheCatalogueIsSkippedNotFatal() throws IOException {
    Path dir = Files.createDirectories(work.resolve("cisa"));
    Files.writeString(dir.resolve("known_exploited_vulnerabilities.json"), kev("CVE-2021-44228"));
    // what CISA publishes beside the catalogue: a JSON schema that names the catalogue's fields
    Path schema = dir.resolve("known_exploited_vulnerabilities_schema.json");
    Files.writeString(schema, "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
        + "  \"title\": \"CISA Catalog of Known Exploited Vulnerabilities\",\n  \"type\": \"object\",\n"
        + "  \"required\": [\"title\", \"catalogVersion\", \"dateReleased\", \"count\", \"vulnerabilities\"],\n"
        + "  \"properties\": {\n    \"catalogVersion\": {\"type\": \"string\"},\n"
        + "    \"vulnerabilities\": {\"type\": \"array\", \"items\": {\"type\": \"object\"}}\n  }\n}\n");

    ImportReport report = Imports.importPaths(List.of(dir), cache);

    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).isEqualTo(schema.toAbsolutePath().toString());
      assertThat(s.reason()).startsWith("not a CISA KEV catalogue");
    });
  }

  @Test
  void devZeroAndAFifoAreRefusedAtOnce() throws Exception {
    assertThatThrownBy(() -> Imports.importPaths(List.of(Path.of("/dev/zero")), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessage("/dev/zero: feed file is a character device, not a regular file");
    Path fifo = work.resolve("feed.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
    assertThatThrownBy(() -> Imports.importPaths(List.of(fifo), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessage(fifo + ": feed file is a FIFO, not a regular file");
  }

  @Test
  void malformedYamlIsOneLine() throws IOException {
    Path file = work.resolve("PYSEC-2024-1.yaml");
    Files.writeString(file, "id: PYSEC-2024-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n  - package: {name: x\n"
        + "    ecosystem: PyPI\n  - : : [\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(file.toAbsolutePath() + ": malformed YAML at line ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anOsvRecordNestedTwoThousandDeepIsOneLine() throws IOException {
    // Jackson's nesting bound stops the parser with no location: the message must not need one
    Path file = work.resolve("DEEP-1.json");
    Files.writeString(file, "{\"id\": \"DEEP-1\", \"affected\": " + "[".repeat(2000) + "]".repeat(2000) + "}\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(file.toAbsolutePath() + ": malformed JSON: Document nesting depth (1001) exceeds")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aYamlFeedFileNestedTwoThousandDeepIsOneLine() throws IOException {
    // an OSV record in YAML (flow style, 9 KB): Jackson's nesting bound, not the stack, stops it
    Path osv = work.resolve("PYSEC-2024-9.yaml");
    Files.writeString(osv, "id: PYSEC-2024-9\nmodified: 2024-01-01T00:00:00Z\naffected: " + "[".repeat(2000)
        + "]".repeat(2000) + "\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(osv), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(osv.toAbsolutePath() + ": malformed YAML")
        .hasMessageContaining("nesting depth (1001) exceeds the maximum allowed (1000")
        .hasMessageNotContaining("\n");
    // an Alpine secdb file in YAML, the nesting inside one packages entry (read as a tree)
    Path alpine = work.resolve("main.yaml");
    Files.writeString(alpine, "distroversion: v3.18\nreponame: main\npackages:\n  - pkg: " + "[".repeat(2000)
        + "]".repeat(2000) + "\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(alpine), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(alpine.toAbsolutePath() + ": malformed YAML")
        .hasMessageContaining("nesting depth (1001) exceeds the maximum allowed (1000")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aYamlFeedFileOverThreeMebiCodePointsIsOneLine() throws IOException {
    // SnakeYAML's default document bound under Jackson's YAML parser (LoaderOptions.codePointLimit)
    Path alpine = work.resolve("main.yaml");
    StringBuilder b = new StringBuilder("distroversion: v3.18\nreponame: main\npackages:\n");
    String entry = "  - pkg: {name: p, secfixes: {1.0-r0: [CVE-2024-0001]}}\n";
    while (b.length() <= 3 << 20) {
      b.append(entry);
    }
    Files.writeString(alpine, b);
    assertThatThrownBy(() -> Imports.importPaths(List.of(alpine), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(alpine.toAbsolutePath() + ": malformed YAML")
        .hasMessageContaining("exceeds the limit: 3145728 code points")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aSecondImportWaitsForTheFirstInsteadOfFailing() throws Exception {
    Path file = work.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(file, kev("CVE-2021-44228"));
    CompletableFuture<ImportReport> second;
    try (StoreBuilder first = StoreBuilder.open(cache)) {
      second = CompletableFuture.supplyAsync(() -> Imports.importPaths(List.of(file), cache));
      Thread.sleep(500);
      assertThat(second).as("the second import waits").isNotDone();
      first.commit();
    }
    assertThat(second.get(30, TimeUnit.SECONDS).records()).isEqualTo(1);
  }

  @Test
  void aLockFileThatCannotBeOpenedIsNotReportedAsAnotherDrydock() throws IOException {
    Files.createDirectories(cache.resolve("vulndb.lock")); // cannot be opened for writing, like a read-only cache
    Path file = work.resolve("known_exploited_vulnerabilities.json");
    Files.writeString(file, kev("CVE-2021-44228"));
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("cannot write the vulnerability store in " + cache + ": ")
        .hasMessageNotContaining("another drydock");
  }

  /** Found by FeedImportFuzzTest (its input is kept in FeedImportFuzzTestInputs): the JDK's zip reader threw. */
  @Test
  void anOsvZipWithAnEntryNameThatIsNotUtf8IsABrokenArchive() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes,
        java.nio.charset.StandardCharsets.ISO_8859_1)) {
      z.putNextEntry(new java.util.zip.ZipEntry("caf\u00e9.json"));
      z.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Path file = work.resolve("all.zip");
    Files.write(file, bytes.toByteArray());
    assertThatThrownBy(() -> Imports.importPaths(List.of(file), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("broken zip archive: an entry name is not valid UTF-8")
        .hasMessageNotContaining("\n");
  }
}
