package dev.drydock.analyzers.os.rpm;

import static dev.drydock.analyzers.os.rpm.RpmFixtures.analyze;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.lines;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.packages;
import static dev.drydock.analyzers.os.rpm.RpmFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmCorruptDatabaseTest {
  @TempDir Path dir;

  private List<String> rows(String imagePath, byte[] content) throws IOException {
    Path f = dir.resolve("db-" + System.nanoTime());
    Files.write(f, content);
    return packages(analyze(imagePath, f)).stream().map(RpmFixtures::rpmQaRow).collect(Collectors.toList());
  }

  /** A truncated database never throws and yields only genuine packages, fewer or as many as the whole. */
  @ParameterizedTest
  @CsvSource({
    "sqlite/rpmdb.sqlite, var/lib/rpm/rpmdb.sqlite, sqlite/expected.tsv",
    "bdb/Packages, var/lib/rpm/Packages, bdb/expected.tsv",
    "ndb/Packages.db, var/lib/rpm/Packages.db, ndb/expected.tsv",
  })
  void truncatedDatabases(String fixture, String imagePath, String expected) throws IOException {
    byte[] whole = Files.readAllBytes(path(fixture));
    List<String> all = lines(expected);
    int n = whole.length;
    for (int cut : new int[] {0, 1, 7, 31, 33, 100, 4095, 4096, 4097, 8192, n / 7, n / 3, n / 2, n - 4096, n - 1}) {
      List<String> got = rows(imagePath, Arrays.copyOf(whole, cut));
      assertThat(got).as("cut at %d", cut).hasSizeLessThan(all.size() + 1).isSubsetOf(all).doesNotHaveDuplicates();
      if (cut < 4096) {
        assertThat(got).as("cut at %d", cut).isEmpty();
      }
    }
  }

  /** NDB blobs are independent: cutting the file in half keeps the packages stored before the cut. */
  @Test
  void truncatedNdbKeepsTheFirstPackages() throws IOException {
    byte[] whole = Files.readAllBytes(path("ndb/Packages.db"));
    List<String> got = rows("var/lib/rpm/Packages.db", Arrays.copyOf(whole, whole.length / 2));
    assertThat(got).isNotEmpty().hasSizeLessThan(35).isSubsetOf(lines("ndb/expected.tsv"));
  }

  @ParameterizedTest
  @CsvSource({"var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages", "var/lib/rpm/Packages.db"})
  void garbageGivesNothing(String imagePath) throws IOException {
    byte[] junk = new byte[70_000];
    new Random(7).nextBytes(junk);
    assertThat(rows(imagePath, junk)).isEmpty();
    assertThat(rows(imagePath, new byte[0])).isEmpty();
    assertThat(rows(imagePath, new byte[8192])).isEmpty();
  }

  /** Random byte damage anywhere in the file: no exception, never more packages than the real ones. */
  @ParameterizedTest
  @CsvSource({"bdb/Packages, var/lib/rpm/Packages, 1", "ndb/Packages.db, var/lib/rpm/Packages.db, 35"})
  void randomDamage(String fixture, String imagePath, int max) throws IOException {
    byte[] whole = Files.readAllBytes(path(fixture));
    Random r = new Random(1234);
    for (int i = 0; i < 60; i++) {
      byte[] b = whole.clone();
      for (int k = 0; k < 40; k++) {
        // Aim at the structures (first pages) half of the time.
        int at = r.nextBoolean() ? r.nextInt(Math.min(b.length, 12_288)) : r.nextInt(b.length);
        b[at] = (byte) r.nextInt(256);
      }
      assertThat(rows(imagePath, b)).hasSizeLessThanOrEqualTo(max);
    }
  }

  /** An overflow chain that points back to itself ends instead of looping. */
  @Test
  void bdbOverflowLoopTerminates() throws IOException {
    byte[] b = Files.readAllBytes(path("bdb/Packages"));
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(5 * 4096 + 16, 3); // page 5 next -> page 3
    assertThat(rows("var/lib/rpm/Packages", b)).isEmpty();
  }

  /** A huge overflow length in the H_OFFPAGE item does not allocate it. */
  @Test
  void bdbHugeOverflowLength() throws IOException {
    byte[] b = Files.readAllBytes(path("bdb/Packages"));
    ByteBuffer page2 = ByteBuffer.wrap(b, 2 * 4096, 4096).slice().order(ByteOrder.LITTLE_ENDIAN);
    int dataItem = page2.getShort(26 + 2) & 0xffff;
    assertThat(page2.get(dataItem)).isEqualTo((byte) 3); // H_OFFPAGE
    page2.putInt(dataItem + 8, 0x7fffffff);
    assertThat(rows("var/lib/rpm/Packages", b)).isEmpty();
  }

  /** A slot page count far beyond the file is capped; the real slots are still read. */
  @Test
  void ndbHugeSlotPageCount() throws IOException {
    byte[] b = Files.readAllBytes(path("ndb/Packages.db"));
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -1);
    assertThat(rows("var/lib/rpm/Packages.db", b)).containsExactlyInAnyOrderElementsOf(lines("ndb/expected.tsv"));
  }

  /** A blob length beyond the end of the file skips that package only. */
  @Test
  void ndbBlobLengthBeyondFile() throws IOException {
    byte[] b = Files.readAllBytes(path("ndb/Packages.db"));
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long firstBlob = (bb.getInt(32 + 8) & 0xffffffffL) * 16;
    bb.putInt((int) firstBlob + 12, 0x7ffffff0);
    assertThat(rows("var/lib/rpm/Packages.db", b)).hasSize(34).isSubsetOf(lines("ndb/expected.tsv"));
  }

  /** The same NDB written by a big-endian machine: every integer swapped, magics read "PmpR", "tolS", "SblB". */
  @Test
  void ndbBigEndian() throws IOException {
    byte[] b = Files.readAllBytes(path("ndb/Packages.db"));
    ByteBuffer le = ByteBuffer.wrap(b.clone()).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
    for (int o = 0; o < 32; o += 4) {
      be.putInt(o, le.getInt(o));
    }
    int slotEnd = le.getInt(12) * 4096;
    for (int o = 32; o < slotEnd; o += 16) {
      for (int k = 0; k < 16; k += 4) {
        be.putInt(o + k, le.getInt(o + k));
      }
      if (le.getInt(o + 4) != 0) {
        int blob = le.getInt(o + 8) * 16;
        for (int k = 0; k < 16; k += 4) {
          be.putInt(blob + k, le.getInt(blob + k));
        }
      }
    }
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PmpR");
    assertThat(rows("var/lib/rpm/Packages.db", b)).containsExactlyInAnyOrderElementsOf(lines("ndb/expected.tsv"));
  }

  @Test
  void sqliteWithoutPackagesTable() throws IOException, SQLException {
    Path db = dir.resolve("rpmdb.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE Other(x)");
    }
    assertThat(packages(analyze("var/lib/rpm/rpmdb.sqlite", db))).isEmpty();
  }

  @Test
  void sqliteWithCorruptBlobs() throws IOException, SQLException {
    Path db = dir.resolve("rpmdb.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE Packages(hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
      st.execute("INSERT INTO Packages(blob) VALUES (x'00'), (x'ffffffff00000000'), (x'0000000100000000')");
      try (var ps = c.prepareStatement("INSERT INTO Packages(blob) VALUES (?)")) {
        ps.setBytes(1, new HeaderBuilder().pkg("bash", "5.1.8", "6.el9").build());
        ps.execute();
      }
    }
    List<Package> pkgs = packages(analyze("var/lib/rpm/rpmdb.sqlite", db));
    assertThat(pkgs).extracting(Package::name).containsExactly("bash");
  }
}
