package dev.drydock.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-world-style corpus under {@code src/test/resources/corpus/<family>/}: every file there is
 * checked by the checker {@link ConfigCheckers#forFile} picks, and the complete set of findings must equal
 * its {@code <file>.expected} (no missing, no extra). An expected file holds one finding per line,
 * {@code <line> <rule-id>}, sorted by line then rule id; {@code # comments} and blank lines are ignored; a
 * file that must be rejected holds one line {@code error: <start of the message>}. The corpus'
 * FIXTURES.md says where each file came from.
 */
class CorpusTest {
  static final Path CORPUS = Paths.get("src/test/resources/corpus");

  static Stream<Path> corpusFiles() throws IOException {
    try (Stream<Path> s = Files.walk(CORPUS)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".expected"))
          .filter(p -> !p.getFileName().toString().equals("FIXTURES.md"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void findingsEqualTheExpectedSet(Path file) throws IOException {
    Path expectedFile = file.resolveSibling(file.getFileName() + ".expected");
    assertThat(expectedFile).as("every corpus file has an .expected file").exists();
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(expectedFile, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        expected.add(t);
      }
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    ConfigChecker checker = ConfigCheckers.forFile(name, text);
    assertThat(checker).as("a checker accepts " + file).isNotNull();
    String shown = CORPUS.relativize(file).toString();
    List<String> actual = new ArrayList<>();
    try {
      for (Misconfiguration m : checker.check(shown, text)) {
        assertThat(m.file()).isEqualTo(shown);
        actual.add(m.line() + " " + m.ruleId());
      }
    } catch (DrydockException e) {
      actual.add("error: " + e.getMessage());
      assertThat(expected).as(file + " was rejected: " + e.getMessage()).hasSize(1);
      assertThat(e.getMessage()).startsWith(expected.get(0).substring("error: ".length()));
      return;
    }
    assertThat(actual).as(shown).containsExactlyElementsOf(expected);
  }
}
