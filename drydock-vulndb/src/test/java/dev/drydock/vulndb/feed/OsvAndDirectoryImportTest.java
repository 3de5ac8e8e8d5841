package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvAndDirectoryImportTest {

  @TempDir Path cache;
  @TempDir Path work;

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void eachFixtureIsSniffedAsItsFormat() throws IOException {
    assertThat(sniff(DistroFeedsTest.feeds("debian-tracker/vunnel-debian.json"))).isEqualTo("debian-tracker");
    assertThat(sniff(DistroFeedsTest.feeds("alpine-secdb/311-main.vuln-list-update.json"))).isEqualTo("alpine-secdb");
    assertThat(sniff(DistroFeedsTest.feeds("alpine-secdb-yaml/v3.11-main.yaml"))).isEqualTo("alpine-secdb");
    assertThat(sniff(DistroFeedsTest.feeds("ubuntu/USN-6859-1.json"))).isEqualTo("osv-json");
    for (Path p : files(DistroFeedsTest.feeds("pypa"), ".yaml")) {
      assertThat(sniff(p)).as(p.toString()).isEqualTo("osv-yaml");
    }
    for (Path p : files(DistroFeedsTest.feeds("osv"), ".json")) {
      assertThat(sniff(p)).as(p.toString()).isEqualTo("osv-json");
    }
    assertThat(sniff(DistroFeedsTest.feeds("debian-tracker/FIXTURES.md"))).isEqualTo("-");
  }

  private static String sniff(Path p) throws IOException {
    byte[] all = Files.readAllBytes(p);
    byte[] head = java.util.Arrays.copyOf(all, Math.min(all.length, FeedImporter.HEAD_BYTES));
    return FeedImporters.sniff(p.getFileName().toString(), head).map(FeedImporter::format).orElse("-");
  }

  @Test
  void osvZipStreamsEveryEntryAndSkipsAMalformedOne() throws IOException {
    List<Path> json = files(DistroFeedsTest.feeds("osv"), ".json");
    Path zip = work.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path p : json) {
        out.putNextEntry(new ZipEntry(p.getFileName().toString()));
        Files.copy(p, out);
      }
      out.putNextEntry(new ZipEntry("BROKEN-1.json"));
      out.write("{\"id\": \"BROKEN-1\",\n \"affected\": [\n  {\"package\": }\n".getBytes(StandardCharsets.UTF_8));
    }
    ImportReport report = Imports.importPaths(List.of(zip), cache);
    assertThat(report.records()).isEqualTo(json.size());
    assertThat(report.skipped()).singleElement().satisfies(s -> {
      assertThat(s.location()).isEqualTo(zip.toAbsolutePath() + "!BROKEN-1.json");
      assertThat(s.reason()).startsWith("malformed JSON at line 3");
    });
    ObjectMapper mapper = new ObjectMapper();
    try (VulnStore store = VulnStore.open(cache)) {
      for (Path p : json) {
        OsvRecord r = mapper.readValue(p.toFile(), OsvRecord.class);
        assertThat(store.byId(r.id())).as(r.id()).contains(r);
      }
      assertThat(store.advisories("npm", "lodash")).hasSize(7);
      assertThat(store.advisories("PyPI", "Jinja2")).hasSizeGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void directoryImportReportsSkippedFilesWithReasons() throws IOException {
    Path tree = work.resolve("feeds");
    Path pypa = Files.createDirectories(tree.resolve("pypa"));
    for (Path p : files(DistroFeedsTest.feeds("pypa"), ".yaml")) {
      Files.copy(p, pypa.resolve(p.getFileName()));
    }
    Files.copy(DistroFeedsTest.feeds("pypa/LICENSE"), pypa.resolve("LICENSE"));
    Files.copy(DistroFeedsTest.feeds("ubuntu/USN-6859-1.json"), tree.resolve("USN-6859-1.json"));
    Path broken = tree.resolve("GHSA-broken.json");
    Files.writeString(broken, "{\n  \"id\": \"GHSA-xxxx-xxxx-xxxx\",\n  \"modified\": \"2024-01-01T00:00:00Z\",\n  \"affected\": [,]\n}\n");
    Path hex = tree.resolve("HEX-1.json");
    Files.writeString(hex, "{\"id\": \"HEX-1\", \"modified\": \"2024-01-01T00:00:00Z\", \"affected\": "
        + "[{\"package\": {\"ecosystem\": \"Hex\", \"name\": \"plug\"}}]}");
    Files.createDirectories(tree.resolve(".git"));
    Files.writeString(tree.resolve(".git/config"), "[core]\n");

    ImportReport report = Imports.importPaths(List.of(tree), cache);

    assertThat(report.records()).isEqualTo(9 + 1);
    assertThat(report.skipped()).filteredOn(s -> s.location().equals(broken.toAbsolutePath().toString()))
        .singleElement().satisfies(s -> assertThat(s.reason()).startsWith("malformed JSON at line 4: Unexpected character (','"));
    assertThat(report.skipped()).extracting(Skipped::location, Skipped::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(broken.toAbsolutePath().toString(),
            report.skipped().stream().filter(s -> s.location().equals(broken.toAbsolutePath().toString()))
                .findFirst().orElseThrow().reason()),
        org.assertj.core.groups.Tuple.tuple(hex.toAbsolutePath() + " HEX-1", "unknown ecosystem Hex"),
        org.assertj.core.groups.Tuple.tuple(pypa.resolve("LICENSE").toAbsolutePath().toString(), "unknown format"));
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("Ubuntu:22.04:LTS", "openssh")).extracting(OsvRecord::id).containsExactly("USN-6859-1");
      assertThat(store.advisories("PyPI", "PyYAML")).hasSize(4);
      assertThat(store.status().sources()).singleElement().satisfies(s -> {
        assertThat(s.name()).isEqualTo("import:" + tree.toAbsolutePath());
        assertThat(s.records()).isEqualTo(10);
        assertThat(s.skipped()).isEqualTo(3);
      });
    }
    // the PyYAML round trip from YAML: what the store returns equals the parsed file
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (VulnStore store = VulnStore.open(cache)) {
      for (Path p : files(pypa, ".yaml")) {
        OsvRecord r = yaml.readValue(p.toFile(), OsvRecord.class);
        assertThat(store.byId(r.id())).containsExactly(r);
      }
    }
  }

  @Test
  void anUnreadableFeedAbortsTheBuildAndKeepsTheOldStore() throws IOException {
    Imports.importPaths(List.of(DistroFeedsTest.feeds("pypa")), cache);
    byte[] before = Files.readAllBytes(VulnStore.storeFile(cache));
    Path notZip = work.resolve("all.zip");
    try (OutputStream out = Files.newOutputStream(notZip)) {
      out.write(new byte[] {'P', 'K', 3, 4, 0, 0, 0});
    }
    assertThatThrownBy(() -> Imports.importPaths(List.of(DistroFeedsTest.feeds("ghsa"), notZip), cache))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith(notZip.toAbsolutePath() + ": ");
    Path unknown = work.resolve("notes.txt");
    Files.writeString(unknown, "hello\n");
    assertThatThrownBy(() -> Imports.importPaths(List.of(unknown), cache))
        .isInstanceOf(DrydockException.class)
        .hasMessage(unknown.toAbsolutePath() + ": not a known vulnerability feed format");
    assertThat(Files.readAllBytes(VulnStore.storeFile(cache))).isEqualTo(before);
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vulndb.sqlite", "vulndb.lock");
    }
  }
}
