package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.AdvisoryData;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store records per source, built by the real importers from real feed files: the publisher's data
 * date (OSV newest {@code modified}, KEV {@code dateReleased}, EPSS {@code score_date}; none for the Debian
 * tracker), the SHA-256 of what was imported, and what the source holds per ecosystem.
 */
class SourceDataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path cache;

  static Path fetch(String name) {
    try {
      return Path.of(SourceDataTest.class.getResource("/fetch/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private Map<String, AdvisorySource.Source> sources() {
    try (VulnStore store = VulnStore.open(cache)) {
      return store.sources().stream().collect(Collectors.toMap(s -> s.data().source(), s -> s));
    }
  }

  @Test
  void eachImporterRecordsItsPublishersDateAndTheDigestOfWhatWasImported() throws Exception {
    Path ghsa = DistroFeedsTest.feeds("ghsa");
    Path kev = fetch("kev-excerpt.json");
    Path epss = fetch("claircore-data.csv");
    Path debian = DistroFeedsTest.feeds("debian-tracker").resolve("vunnel-debian.json");
    Instant before = Instant.now();
    Imports.importPaths(List.of(ghsa, kev, epss, debian), cache);
    Map<String, AdvisorySource.Source> byName = sources();

    // OSV: the newest modified of the records (read here with Jackson, not through the importer)
    String newest;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ghsa)) {
      files = walk.filter(Files::isRegularFile).filter(p -> !ghsa.relativize(p).toString().startsWith("."))
          .sorted().toList();
    }
    newest = files.stream().filter(p -> p.toString().endsWith(".json")).map(p -> {
      try {
        JsonNode n = JSON.readTree(p.toFile());
        return n.get("modified").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).max(java.util.Comparator.comparing(Instant::parse)).orElseThrow();
    AdvisoryData g = byName.get("import:" + ghsa.toAbsolutePath()).data();
    assertThat(g.dataDate()).isEqualTo(newest);
    StringBuilder listing = new StringBuilder();
    for (Path f : files) {
      listing.append(sha256(Files.readAllBytes(f))).append("  ").append(ghsa.relativize(f)).append('\n');
    }
    assertThat(g.digest()).isEqualTo("sha256:" + sha256(listing.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(g.records()).isEqualTo(17);
    assertThat(Instant.parse(g.importedAt())).isBetween(before, Instant.now());
    assertThat(byName.get("import:" + ghsa.toAbsolutePath()).contents())
        .containsOnlyKeys("Maven", "npm", "NuGet");

    AdvisoryData k = byName.get("import:" + kev.toAbsolutePath()).data();
    assertThat(k.dataDate()).isEqualTo("2025-08-25T17:04:19.9796Z");
    assertThat(k.digest()).isEqualTo("sha256:" + sha256(Files.readAllBytes(kev)));
    assertThat(byName.get("import:" + kev.toAbsolutePath()).contents()).containsOnlyKeys("kev");

    AdvisoryData e = byName.get("import:" + epss.toAbsolutePath()).data();
    assertThat(e.dataDate()).isEqualTo("2024-10-25"); // the day of the file's #score_date line
    assertThat(e.digest()).isEqualTo("sha256:" + sha256(Files.readAllBytes(epss)));

    AdvisoryData d = byName.get("import:" + debian.toAbsolutePath()).data();
    assertThat(d.dataDate()).as("the tracker's JSON has no date").isNull();
    assertThat(byName.get("import:" + debian.toAbsolutePath()).contents())
        .containsKeys("Debian:10", "Debian:11", "Debian:12");
  }

  @Test
  void aDirectoryMixingDatedAndUndatedFeedsHasNoDataDate() throws IOException {
    Path dir = cache.resolve("mixed");
    Files.createDirectories(dir);
    Files.copy(fetch("kev-excerpt.json"), dir.resolve("kev.json"));
    Files.copy(DistroFeedsTest.feeds("debian-tracker").resolve("vunnel-debian.json"), dir.resolve("debian.json"));
    Imports.importPaths(List.of(dir), cache);
    assertThat(sources().get("import:" + dir.toAbsolutePath()).data().dataDate())
        .as("the Debian part's age is unknown, so the source's is").isNull();
  }

  @Test
  void aStoreOfTheFirstSchemaIsNotReadButNamesTheCommandsThatRebuildIt() throws Exception {
    Files.createDirectories(cache);
    Path file = VulnStore.storeFile(cache);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      // the version 1 layout of the sources table: no data date, no source_contents
      st.execute("CREATE TABLE sources (name TEXT PRIMARY KEY, kind TEXT, location TEXT, etag TEXT,"
          + " last_modified TEXT, sha256 TEXT, imported_at TEXT, records INTEGER NOT NULL, skipped INTEGER NOT NULL)");
      st.execute("PRAGMA user_version = 1");
    }
    assertThatThrownBy(() -> VulnStore.open(cache)).isInstanceOf(DrydockException.class)
        .hasMessage("vulnerability store " + file + " has schema 1, this drydock needs "
            + dev.drydock.vulndb.store.StoreBuilder.schemaVersion() + ": run 'drydock db update'"
            + " (or 'drydock db import' offline) to build it again");
    // an import starts that store afresh with the current schema
    Imports.importPaths(List.of(fetch("kev-excerpt.json")), cache);
    assertThat(sources()).hasSize(1);
  }
}
