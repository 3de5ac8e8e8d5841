package dev.drydock.analyzers.lang.python;

import dev.drydock.analyzers.Analyzer;
import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

final class PythonFixtures {
  private PythonFixtures() {}

  static Path dir() {
    try {
      return Path.of(PythonFixtures.class.getResource("/fixtures/python").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String[]> tsv(String relative) {
    try {
      return Files.readAllLines(dir().resolve(relative), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Package> analyze(Analyzer analyzer, String imagePath, String fixture) throws IOException {
    return packages(analyzer.analyze(FileInput.ofFile(imagePath, dir().resolve(fixture), 0644)));
  }

  static List<Package> analyzeText(Analyzer analyzer, String imagePath, String text) throws IOException {
    return packages(analyzer.analyze(FileInput.ofBytes(imagePath, text.getBytes(StandardCharsets.UTF_8), 0644)));
  }

  static List<Package> packages(List<Fact> facts) {
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }
}
