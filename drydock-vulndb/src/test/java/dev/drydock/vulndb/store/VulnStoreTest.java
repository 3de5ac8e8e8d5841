package dev.drydock.vulndb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.AdvisorySource;
import dev.drydock.vulndb.osv.OsvRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulnStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path cache;

  static Path feeds(String sub) {
    try {
      return Path.of(VulnStoreTest.class.getResource("/feeds/" + sub).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<OsvRecord> parseAll(Path dir, String suffix, ObjectMapper mapper) throws IOException {
    List<OsvRecord> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(suffix)).sorted().toList()) {
        out.add(mapper.readValue(p.toFile(), OsvRecord.class));
      }
    }
    return out;
  }

  private void build(String source, List<OsvRecord> records) {
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      try (SourceWriter w = b.beginSource(source, "test", "memory", null, null, null)) {
        records.forEach(w::addAdvisory);
      }
      b.commit();
    }
  }

  @Test
  void realOsvRecordsRoundTripAndAreFoundByEveryAffectedPackage() throws IOException {
    List<OsvRecord> records = parseAll(feeds("osv"), ".json", JSON);
    records.addAll(parseAll(feeds("ghsa"), ".json", JSON));
    records.addAll(parseAll(feeds("golang"), ".json", JSON));
    records.addAll(parseAll(feeds("osv-distro"), ".json", JSON));
    assertThat(records).hasSizeGreaterThan(150);
    build("osv", records);

    try (VulnStore store = VulnStore.open(cache)) {
      for (OsvRecord r : records) {
        for (OsvRecord.OsvAffected a : r.affected()) {
          if (a.pkg() == null) {
            continue; // GIT-only entries name no package
          }
          assertThat(store.advisories(a.pkg().ecosystem(), a.pkg().name()))
              .as("%s via %s", r.id(), a.pkg()).contains(r);
        }
      }
      // every record of the input came back once per id (the GHSA copies of the fixture ids are identical or newer)
      long distinctIds = records.stream().map(OsvRecord::id).distinct().count();
      assertThat(store.status().counts().get("advisories")).isBetween(distinctIds, (long) records.size());
      List<OsvRecord> log4j = store.advisories("Maven", "org.apache.logging.log4j:log4j-core");
      assertThat(log4j).extracting(OsvRecord::id).contains("GHSA-jfh8-c2jp-5v3q", "GHSA-7rjr-3q55-vv33");
      assertThat(store.advisories("Maven", "ORG.APACHE.LOGGING.LOG4J:LOG4J-CORE")).isEmpty();
      assertThat(store.byId("CVE-2021-44228")).extracting(OsvRecord::id).contains("GHSA-jfh8-c2jp-5v3q");
    }
  }

  @Test
  void pypiNamesAreComparedAfterPep503Normalisation() throws IOException {
    List<OsvRecord> pypa = parseAll(feeds("pypa"), ".yaml", YAML);
    assertThat(pypa).hasSize(9);
    build("pypa", pypa);
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("PyPI", "PyYAML")).hasSize(4);
      assertThat(store.advisories("PyPI", "pyyaml")).hasSize(4);
      assertThat(store.advisories("PyPI", "Requests")).hasSize(5);
      assertThat(store.advisories("PyPI", "requests")).containsExactlyInAnyOrderElementsOf(
          pypa.stream().filter(r -> r.affected().get(0).pkg().name().equals("requests")).toList());
      assertThat(store.advisories("npm", "requests")).isEmpty();
    }
    assertThat(Schema.nameKey("PyPI", "Zope.Interface__x-_y")).isEqualTo("zope-interface-x-y");
    assertThat(Schema.nameKey("npm", "Zope.Interface")).isEqualTo("Zope.Interface");
  }

  @Test
  void kevAndEpssRowsAndStatus() {
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      try (SourceWriter w = b.beginSource("kev", "cisa-kev", "https://example/kev.json", "\"e1\"", null, null)) {
        w.addKev(new AdvisorySource.Kev("CVE-2021-44228", "2021-12-10", "2021-12-24", true, "Apache",
            "Log4j2", "Apply updates"));
      }
      try (SourceWriter w = b.beginSource("epss", "epss", "epss.csv", null, null, null)) {
        w.addEpss(new AdvisorySource.Epss("CVE-2021-44228", 0.97565, 0.99996, "2025-08-25"));
        w.addEpss(new AdvisorySource.Epss("CVE-2020-0001", 0.001, 0.2, "2025-08-25"));
        w.addSkipped(3);
      }
      b.commit();
    }
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.kev("CVE-2021-44228")).contains(new AdvisorySource.Kev("CVE-2021-44228",
          "2021-12-10", "2021-12-24", true, "Apache", "Log4j2", "Apply updates"));
      assertThat(store.kev("CVE-2020-0001")).isEmpty();
      assertThat(store.epss("CVE-2021-44228")).contains(
          new AdvisorySource.Epss("CVE-2021-44228", 0.97565, 0.99996, "2025-08-25"));
      StoreStatus status = store.status();
      assertThat(status.schema()).isEqualTo(Schema.VERSION);
      assertThat(status.counts()).containsEntry("kev", 1L).containsEntry("epss", 2L)
          .containsEntry("advisories", 0L).containsEntry("sources", 2L);
      assertThat(status.sources()).extracting(StoreStatus.SourceRow::name, StoreStatus.SourceRow::records,
          StoreStatus.SourceRow::skipped).containsExactly(
              org.assertj.core.groups.Tuple.tuple("epss", 2L, 3L),
              org.assertj.core.groups.Tuple.tuple("kev", 1L, 0L));
      assertThat(status.builtAt()).isNotNull();
      assertThat(store.age()).isGreaterThanOrEqualTo(java.time.Duration.ZERO).isLessThan(java.time.Duration.ofMinutes(5));
    }
  }

  @Test
  void reimportingOneSourceReplacesOnlyItsRows() throws IOException {
    List<OsvRecord> pypa = parseAll(feeds("pypa"), ".yaml", YAML);
    List<OsvRecord> ghsa = parseAll(feeds("ghsa"), ".json", JSON);
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      try (SourceWriter w = b.beginSource("pypa", "osv", "pypa", null, null, null)) {
        pypa.forEach(w::addAdvisory);
      }
      try (SourceWriter w = b.beginSource("ghsa", "osv", "ghsa", null, null, null)) {
        ghsa.forEach(w::addAdvisory);
      }
      b.commit();
    }
    // incremental rebuild: pypa now only has the requests records
    build("pypa", pypa.stream().filter(r -> r.affected().get(0).pkg().name().equals("requests")).toList());
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("PyPI", "pyyaml")).isEmpty();
      assertThat(store.advisories("PyPI", "requests")).hasSize(5);
      assertThat(store.advisories("npm", "express")).isNotEmpty();
      assertThat(store.status().counts()).containsEntry("advisories", 5L + ghsa.size());
      assertThat(store.status().sources()).extracting(StoreStatus.SourceRow::name, StoreStatus.SourceRow::records)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pypa", 5L),
              org.assertj.core.groups.Tuple.tuple("ghsa", (long) ghsa.size()));
    }
  }

  @Test
  void aDuplicateRecordKeepsTheNewerCopy() throws IOException {
    OsvRecord r = parseAll(feeds("pypa"), ".yaml", YAML).get(0);
    OsvRecord newer = new OsvRecord(r.schemaVersion(), r.id(), "2099-01-01T00:00:00Z", r.published(),
        r.withdrawn(), r.aliases(), r.related(), "newer copy", r.details(), r.severity(), r.affected(),
        r.references(), r.databaseSpecific());
    build("pypa", List.of(newer, r));
    try (VulnStore store = VulnStore.open(cache)) {
      String name = r.affected().get(0).pkg().name();
      assertThat(store.advisories("PyPI", name)).filteredOn(x -> x.id().equals(r.id())).containsExactly(newer);
      assertThat(store.status().counts()).containsEntry("advisories", 1L);
      assertThat(store.status().counts().get("affected")).isEqualTo(1L);
    }
  }

  @Test
  void aStoreWithAnotherSchemaVersionIsRefused() throws Exception {
    build("none", List.of());
    try (Connection c = VulnStore.connect(VulnStore.storeFile(cache), false); Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> VulnStore.open(cache)).isInstanceOf(DrydockException.class)
        .hasMessage("vulnerability store " + VulnStore.storeFile(cache)
            + " has schema 99, this drydock needs " + Schema.VERSION
            + ": run 'drydock db update' (or 'drydock db import' offline) to build it again");
    // an update starts over from an empty store of the current schema
    build("none", List.of());
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.status().schema()).isEqualTo(Schema.VERSION);
    }
  }

  @Test
  void missingStoreIsAClearError() {
    assertThatThrownBy(() -> VulnStore.open(cache)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("no vulnerability store at " + cache.resolve("vulndb.sqlite"));
  }

  @Test
  void rebuildSwapsAtomicallyWhileAnOpenReaderKeepsItsSnapshot() throws IOException {
    List<OsvRecord> pypa = parseAll(feeds("pypa"), ".yaml", YAML);
    List<OsvRecord> ghsa = parseAll(feeds("ghsa"), ".json", JSON);
    build("a", pypa);
    try (VulnStore old = VulnStore.open(cache)) {
      assertThat(old.advisories("PyPI", "requests")).hasSize(5);
      try (StoreBuilder b = StoreBuilder.openFresh(cache)) {
        try (SourceWriter w = b.beginSource("b", "osv", "ghsa", null, null, null)) {
          ghsa.forEach(w::addAdvisory);
        }
        // before the commit, readers see the old store and the tmp file sits beside it
        assertThat(b.tempFile()).exists().hasParent(cache);
        try (VulnStore during = VulnStore.open(cache)) {
          assertThat(during.advisories("npm", "express")).isEmpty();
        }
        b.commit();
      }
      assertThat(old.advisories("PyPI", "requests")).hasSize(5);
      assertThat(old.advisories("npm", "express")).isEmpty();
      try (VulnStore fresh = VulnStore.open(cache)) {
        assertThat(fresh.advisories("PyPI", "requests")).isEmpty();
        assertThat(fresh.advisories("npm", "express")).isNotEmpty();
      }
    }
    // an aborted build leaves the current store as it was and no tmp file
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      try (SourceWriter w = b.beginSource("b", "osv", "pypa", null, null, null)) {
        pypa.forEach(w::addAdvisory);
      }
      b.abort();
    }
    try (VulnStore after = VulnStore.open(cache); Stream<Path> files = Files.list(cache)) {
      assertThat(after.advisories("PyPI", "requests")).isEmpty();
      assertThat(after.advisories("npm", "express")).isNotEmpty();
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vulndb.sqlite", "vulndb.lock");
    }
  }

  @Test
  void leftoverTmpFilesOfACrashedBuildAreDeletedAndOnlyOneBuildRunsAtATime() throws Exception {
    build("a", List.of());
    byte[] before = Files.readAllBytes(VulnStore.storeFile(cache));
    Path leftover = cache.resolve("vulndb.sqlite.0123456789abcdef.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});
    Path unrelated = cache.resolve("notes.tmp");
    Files.write(unrelated, new byte[] {1});
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      assertThat(leftover).doesNotExist();
      assertThat(unrelated).exists();
      // a second build waits for this one (see StoreBuilderLockTest)
      java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try (StoreBuilder other = StoreBuilder.open(cache)) {
          other.abort();
        }
      });
      Thread.sleep(300);
      assertThat(second).isNotDone();
      b.abort();
      second.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(Files.readAllBytes(VulnStore.storeFile(cache))).isEqualTo(before);
  }
}
