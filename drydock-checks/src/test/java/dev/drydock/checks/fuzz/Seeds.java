package dev.drydock.checks.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Seed inputs from the test corpus in {@code src/test/resources/corpus/} (the checkers' own fixtures). */
final class Seeds {
  private Seeds() {}

  /** The corpus files of {@code dir}, without the expected-result files and the provenance notes. */
  static List<Path> corpus(String dir) {
    try {
      Path root = Path.of(Seeds.class.getResource("/corpus/" + dir).toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files.filter(Files::isRegularFile)
            .filter(p -> !p.toString().endsWith(".expected") && !p.getFileName().toString().equals("FIXTURES.md"))
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
