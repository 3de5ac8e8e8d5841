package dev.drydock.analyzers.lang.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.lang.java.Sha1Index.Coordinates;
import dev.drydock.analyzers.lang.java.TestJars.Artifact;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha1IndexTest {
  @TempDir Path tmp;

  /** The import file for the real jars: Central's published SHA-1s and the coordinates they were fetched by. */
  private static List<String> centralLines(String separator) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Artifact a : TestJars.ALL) {
      lines.add(String.join(separator, a.centralSha1(), a.groupId(), a.artifactId(), a.version()));
    }
    return lines;
  }

  @Test
  void importedCsvAnswersLookupsForEveryRow() throws IOException {
    Path csv = tmp.resolve("java-db.csv");
    List<String> lines = new ArrayList<>(List.of("sha1,groupId,artifactId,version", "# Maven Central"));
    lines.addAll(centralLines(","));
    Files.write(csv, lines);
    Path db = tmp.resolve("db/java-sha1.db");
    Sha1Index.importFile(csv, db);

    try (Sha1Index index = Sha1Index.open(db)) {
      for (Artifact a : TestJars.ALL) {
        assertThat(index.lookup(a.centralSha1()))
            .contains(new Coordinates(a.groupId(), a.artifactId(), a.version()));
        assertThat(index.lookup(a.centralSha1().toUpperCase(Locale.ROOT))).isPresent();
      }
      assertThat(index.lookup("0000000000000000000000000000000000000000")).isEmpty();
      assertThat(index.lookup("not-a-sha1")).isEmpty();
    }
    assertThat(Files.list(db.getParent())).as("no temp file left").containsExactly(db);
  }

  @Test
  void tsvWithoutHeaderIsAcceptedAndFirstDuplicateWins() throws IOException {
    Path tsv = tmp.resolve("java-db.tsv");
    List<String> lines = new ArrayList<>(centralLines("\t"));
    String springSha1 = TestJars.SPRING_CORE.centralSha1();
    lines.add(springSha1 + "\torg.example\trelocated\t1");
    lines.add("");
    Files.write(tsv, lines);
    Path db = tmp.resolve("java-sha1.db");
    Sha1Index.importFile(tsv, db);

    try (Sha1Index index = Sha1Index.open(db)) {
      assertThat(index.lookup(springSha1)).contains(new Coordinates("org.springframework", "spring-core", "5.3.17"));
    }
  }

  @Test
  void reimportReplacesTheIndex() throws IOException {
    Path db = tmp.resolve("java-sha1.db");
    Path first = tmp.resolve("a.csv");
    Files.writeString(first, "1111111111111111111111111111111111111111,g,a,1\n");
    Sha1Index.importFile(first, db);
    Path second = tmp.resolve("b.csv");
    Files.writeString(second, "2222222222222222222222222222222222222222,g,b,2\n");
    Sha1Index.importFile(second, db);

    try (Sha1Index index = Sha1Index.open(db)) {
      assertThat(index.lookup("1111111111111111111111111111111111111111")).isEmpty();
      assertThat(index.lookup("2222222222222222222222222222222222222222")).contains(new Coordinates("g", "b", "2"));
    }
  }

  @Test
  void badLineNamesFileAndLineAndLeavesTheOldIndexAlone() throws IOException {
    Path db = tmp.resolve("java-sha1.db");
    Path good = tmp.resolve("good.csv");
    Files.writeString(good, "1111111111111111111111111111111111111111,g,a,1\n");
    Sha1Index.importFile(good, db);

    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "sha1,groupId,artifactId,version\n"
        + "2222222222222222222222222222222222222222,g,b,2\n"
        + "3333333333333333333333333333333333333333,g,c\n");
    assertThatThrownBy(() -> Sha1Index.importFile(bad, db))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining(bad + ":3:")
        .hasMessageContaining("expected 4 fields");

    Path badSha = tmp.resolve("bad-sha.csv");
    Files.writeString(badSha, "xyz,g,b,2\n");
    assertThatThrownBy(() -> Sha1Index.importFile(badSha, db))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining(badSha + ":1:");

    Path empty = tmp.resolve("empty-field.csv");
    Files.writeString(empty, "# comment\n\n2222222222222222222222222222222222222222,g,,2\n");
    assertThatThrownBy(() -> Sha1Index.importFile(empty, db))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining(empty + ":3:")
        .hasMessageContaining("artifactId");

    try (Sha1Index index = Sha1Index.open(db)) {
      assertThat(index.lookup("1111111111111111111111111111111111111111")).contains(new Coordinates("g", "a", "1"));
    }
    try (var files = Files.list(tmp)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void missingFilesAreReportedAsDrydockExceptions() {
    assertThatThrownBy(() -> Sha1Index.open(tmp.resolve("nope.db")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("nope.db");
    assertThatThrownBy(() -> Sha1Index.importFile(tmp.resolve("nope.csv"), tmp.resolve("x.db")))
        .isInstanceOf(DrydockException.class).hasMessageContaining("nope.csv");
  }

  @Test
  void analyzerSha1OfARenamedJarFindsItsCoordinates() throws IOException {
    Path csv = tmp.resolve("java-db.csv");
    Files.write(csv, centralLines(","));
    Path db = tmp.resolve("java-sha1.db");
    Sha1Index.importFile(csv, db);
    // a renamed jar without pom.properties: the name says little, the digest says everything
    Path renamed = tmp.resolve("lib.jar");
    Files.copy(TestJars.SPRING_BEANS.path(), renamed);

    List<Fact> facts = new JavaArchiveAnalyzer().analyze(FileInput.ofFile("app/lib.jar", renamed, 0644));
    assertThat(facts).hasSize(1);
    Package p = ((Fact.PackageFound) facts.get(0)).pkg();
    try (Sha1Index index = Sha1Index.open(db)) {
      Optional<Coordinates> found = index.lookup(p.attribute("sha1"));
      assertThat(found).contains(new Coordinates("org.springframework", "spring-beans", "5.3.17"));
    }
  }
}
