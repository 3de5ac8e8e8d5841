package dev.drydock.analyzers.os.rpm;

import static dev.drydock.analyzers.os.rpm.RpmFixtures.analyze;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.fullRow;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.lines;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.owned;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.packages;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmAnalyzerTest {

  @Test
  void identity() {
    RpmAnalyzer a = new RpmAnalyzer();
    assertThat(a.name()).isEqualTo("rpm");
    assertThat(a.targets()).containsExactly(TargetKind.IMAGE);
  }

  @Test
  void wantsOnlyTheSixDatabasePaths() {
    RpmAnalyzer a = new RpmAnalyzer();
    for (String dir : List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/")) {
      for (String f : List.of("Packages", "Packages.db", "rpmdb.sqlite")) {
        assertThat(a.wants(dir + f, 10, 0644)).as(dir + f).isTrue();
      }
    }
    assertThat(a.wants("var/lib/rpm/Name", 10, 0644)).isFalse();
    assertThat(a.wants("var/lib/rpm/rpmdb.sqlite-wal", 10, 0644)).isFalse();
    assertThat(a.wants("opt/var/lib/rpm/Packages", 10, 0644)).isFalse();
    assertThat(a.wants("var/lib/rpm/sub/Packages", 10, 0644)).isFalse();
    assertThat(a.wants("var/lib/dpkg/status", 10, 0644)).isFalse();
  }

  /** Each format against what rpm itself printed (expected.tsv): same rows, same count. */
  @ParameterizedTest
  @CsvSource({
    "sqlite/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, sqlite/expected.tsv, 129",
    "bdb/Packages, var/lib/rpm/Packages, bdb/expected.tsv, 1",
    "bdb-be/Packages, usr/lib/sysimage/rpm/Packages, bdb/expected.tsv, 1",
    "ndb/Packages.db, usr/lib/sysimage/rpm/Packages.db, ndb/expected.tsv, 35",
  })
  void packagesMatchRpmQa(String fixture, String imagePath, String expected, int count) throws IOException {
    List<Package> pkgs = packages(analyze(imagePath, path(fixture)));
    List<String> rows = pkgs.stream().map(RpmFixtures::rpmQaRow).collect(Collectors.toList());
    assertThat(rows).hasSize(count).doesNotHaveDuplicates();
    assertThat(rows).containsExactlyInAnyOrderElementsOf(lines(expected));
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.RPM);
      assertThat(p.namespace()).isNull();
      assertThat(p.location()).isEqualTo(imagePath);
    });
  }

  /** Vendor, licence and whether the epoch tag exists, against librpm's decoding (packages.tsv). */
  @ParameterizedTest
  @CsvSource({
    "sqlite/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, sqlite",
    "bdb/Packages, var/lib/rpm/Packages, bdb",
    "ndb/Packages.db, var/lib/rpm/Packages.db, ndb",
  })
  void allFieldsMatchLibrpm(String fixture, String imagePath, String dir) throws IOException {
    List<String> rows = packages(analyze(imagePath, path(fixture))).stream()
        .map(RpmFixtures::fullRow).collect(Collectors.toList());
    assertThat(rows).containsExactlyInAnyOrderElementsOf(lines(dir + "/packages.tsv"));
  }

  /** Every owned file of every package, against librpm's FILENAMES (owned-files.tsv). */
  @ParameterizedTest
  @CsvSource({
    "sqlite/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, sqlite",
    "bdb/Packages, var/lib/rpm/Packages, bdb",
    "ndb/Packages.db, var/lib/rpm/Packages.db, ndb",
  })
  void ownedFilesMatchLibrpm(String fixture, String imagePath, String dir) throws IOException {
    List<Fact> facts = analyze(imagePath, path(fixture));
    List<String> rows = new ArrayList<>();
    for (Fact.OwnedFiles o : owned(facts)) {
      assertThat(o.path()).isEqualTo(imagePath);
      o.files().forEach(f -> rows.add(o.owner() + "\t" + f));
    }
    assertThat(owned(facts)).hasSameSizeAs(packages(facts));
    assertThat(rows).containsExactlyInAnyOrderElementsOf(lines(dir + "/owned-files.tsv"));
    assertThat(rows).noneMatch(r -> r.contains("\t/"));
  }

  @Test
  void glibcOwnsLibc() throws IOException {
    List<Fact> facts = analyze("var/lib/rpm/rpmdb.sqlite", path("sqlite/rpmdb.sqlite"));
    Fact.OwnedFiles glibc = owned(facts).stream().filter(o -> o.owner().equals("glibc")).findFirst().orElseThrow();
    assertThat(glibc.files()).contains("lib64/libc.so.6", "usr/lib64/libc.so");
  }

  @Test
  void libuuidPackageInFull() throws IOException {
    List<Fact> facts = analyze("var/lib/rpm/Packages", path("bdb/Packages"));
    assertThat(facts).hasSize(2);
    Package p = packages(facts).get(0);
    assertThat(p).isEqualTo(new Package(Ecosystem.RPM, null, "libuuid", "2.32.1-42.el8_8", "util-linux",
        "2.32.1-42.el8_8", "x86_64", List.of("BSD"), "var/lib/rpm/Packages",
        Map.of("version", "2.32.1", "release", "42.el8_8", "vendor", "Red Hat, Inc.",
            "sourceRpm", "util-linux-2.32.1-42.el8_8.src.rpm")));
    assertThat(owned(facts).get(0).files()).contains("usr/lib64/libuuid.so.1");
  }

  @Test
  void epochGoesIntoVersion() throws IOException {
    List<Package> pkgs = packages(analyze("var/lib/rpm/rpmdb.sqlite", path("sqlite/rpmdb.sqlite")));
    Package ca = pkgs.stream().filter(p -> p.name().equals("ca-certificates-base")).findFirst().orElseThrow();
    assertThat(ca.attribute("epoch")).isEqualTo("1");
    assertThat(ca.version()).isEqualTo("1:" + ca.attribute("version") + "-" + ca.attribute("release"));
    Package glibc = pkgs.stream().filter(p -> p.name().equals("glibc")).findFirst().orElseThrow();
    assertThat(glibc.version()).isEqualTo("2.34-2.cm2");
    assertThat(glibc.attributes()).doesNotContainKey("epoch");
  }

  /** SQLite is opened immutable and read-only: nothing appears next to the database. */
  @Test
  void sqliteWritesNothingNextToTheDatabase(@TempDir Path dir) throws IOException {
    Path db = dir.resolve("rpmdb.sqlite");
    Files.copy(path("sqlite/rpmdb.sqlite"), db);
    assertThat(db.toFile().setWritable(false)).isTrue();
    assertThat(packages(analyze("var/lib/rpm/rpmdb.sqlite", db))).hasSize(129);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("rpmdb.sqlite");
    }
    assertThat(Files.readAllBytes(db)).isEqualTo(Files.readAllBytes(path("sqlite/rpmdb.sqlite")));
  }

  @Test
  void sqlitePathWithSpecialCharacters(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("a b#c?d%20"));
    Path db = sub.resolve("rpmdb.sqlite");
    Files.copy(path("sqlite/rpmdb.sqlite"), db);
    assertThat(packages(analyze("var/lib/rpm/rpmdb.sqlite", db))).hasSize(129);
  }

  @ParameterizedTest
  @CsvSource({
    "util-linux-2.32.1-42.el8_8.src.rpm, util-linux, 2.32.1-42.el8_8",
    "ca-certificates-2.0.0-1.cm2.src.rpm, ca-certificates, 2.0.0-1.cm2",
    "kernel-5.14.0-1.nosrc.rpm, kernel, 5.14.0-1",
  })
  void sourceRpmSplit(String sourceRpm, String name, String version) {
    assertThat(RpmAnalyzer.splitSourceRpm(sourceRpm)).containsExactly(name, version);
  }

  @Test
  void sourceRpmWithoutShape() {
    assertThat(RpmAnalyzer.splitSourceRpm(null)).isNull();
    assertThat(RpmAnalyzer.splitSourceRpm("foo.src.rpm")).isNull();
    assertThat(RpmAnalyzer.splitSourceRpm("foo-1.src.rpm")).isNull();
    assertThat(RpmAnalyzer.splitSourceRpm("(none)")).isNull();
  }
}
