package dev.drydock.analyzers.fuzz;

import static dev.drydock.analyzers.fuzz.AnalyzerTargets.seed;
import static dev.drydock.analyzers.fuzz.AnalyzerTargets.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.analyzers.fuzz.AnalyzerTargets.Case;
import dev.drydock.analyzers.os.apk.ApkAnalyzer;
import dev.drydock.analyzers.os.dpkg.DpkgAnalyzer;
import dev.drydock.analyzers.os.release.OsReleaseAnalyzer;
import dev.drydock.analyzers.os.rpm.RpmAnalyzer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OS package databases (issue 18): dpkg status, status.d and .list files, apk installed, rpm BerkeleyDB, NDB and
 * SQLite databases, os-release. Seeds: the analyzers' fixtures; found crashes in {@code OsPackageDbFuzzTestInputs}.
 */
class OsPackageDbFuzzTest {
  static final List<Case> CASES = List.of(
      new Case("var/lib/dpkg/status", 0644, new DpkgAnalyzer()),
      new Case("var/lib/dpkg/status.d/libc6", 0644, new DpkgAnalyzer()),
      new Case("var/lib/dpkg/info/libc6:amd64.list", 0644, new DpkgAnalyzer()),
      new Case("lib/apk/db/installed", 0644, new ApkAnalyzer()),
      new Case("var/lib/rpm/Packages", 0644, new RpmAnalyzer()),
      new Case("var/lib/rpm/Packages.db", 0644, new RpmAnalyzer()),
      new Case("var/lib/rpm/rpmdb.sqlite", 0644, new RpmAnalyzer()),
      new Case("etc/os-release", 0644, new OsReleaseAnalyzer()));

  static Stream<Arguments> seeds() {
    return Stream.of(
        seed(CASES, "var/lib/dpkg/status", head("dpkg/debian12-status", 16 * 1024)),
        seed(CASES, "var/lib/dpkg/status.d/libc6", "dpkg/distroless/generated-bookworm-amd64/var/lib/dpkg/status.d/libc6"),
        seed(CASES, "var/lib/dpkg/info/libc6:amd64.list", "dpkg/adduser.list"),
        seed(CASES, "lib/apk/db/installed", head("apk/alpine-3.18/installed", 16 * 1024)),
        seed(CASES, "var/lib/rpm/Packages", "rpm/bdb/Packages"),
        seed(CASES, "var/lib/rpm/Packages", "rpm/bdb-be/Packages"),
        seed(CASES, "var/lib/rpm/Packages.db", head("rpm/ndb/Packages.db", 64 * 1024)),
        seed(CASES, "var/lib/rpm/rpmdb.sqlite", smallRpmSqlite()),
        seed(CASES, "var/lib/rpm/rpmdb.sqlite", utf8("SQLite format 3\0")),
        seed(CASES, "etc/os-release", "os-release/corpus/debian-12"),
        seed(CASES, "etc/os-release", "os-release/corpus/rocky-9"));
  }

  /** The first packages of the CBL-Mariner fixture database, in a small rpm-shaped SQLite database. */
  private static byte[] smallRpmSqlite() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("drydock-fuzz-seed-");
      java.nio.file.Path src = dir.resolve("src.sqlite");
      java.nio.file.Path out = dir.resolve("rpmdb.sqlite");
      java.nio.file.Files.write(src, AnalyzerTargets.fixture("rpm/sqlite/rpmdb.sqlite"));
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
          java.sql.Statement st = c.createStatement()) {
        st.execute("PRAGMA page_size = 512");
        st.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
        st.execute("ATTACH DATABASE '" + src + "' AS src");
        st.execute("INSERT INTO Packages SELECT hnum, blob FROM src.Packages ORDER BY length(blob) LIMIT 3");
        st.execute("DETACH DATABASE src");
      }
      byte[] bytes = java.nio.file.Files.readAllBytes(out);
      for (java.nio.file.Path p : new java.nio.file.Path[] {src, out, dir}) {
        java.nio.file.Files.deleteIfExists(p);
      }
      return bytes;
    } catch (java.io.IOException | java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] head(String fixture, int max) {
    byte[] all = AnalyzerTargets.fixture(fixture);
    return java.util.Arrays.copyOf(all, Math.min(all.length, max));
  }

  /** The small SQLite seed is an rpm database the analyzer reads packages from. */
  @org.junit.jupiter.api.Test
  void sqliteSeedIsAnRpmDatabase() throws Exception {
    byte[] db = smallRpmSqlite();
    Case c = CASES.get(6);
    org.assertj.core.api.Assertions.assertThat(c.analyzer().analyze(
            dev.drydock.analyzers.FileInput.ofBytes(c.path(), db, c.mode())))
        .hasSizeGreaterThanOrEqualTo(3);
  }

  @MethodSource("seeds")
  @FuzzTest
  void packageDatabase(byte[] data) {
    AnalyzerTargets.analyze(CASES, data);
  }
}
