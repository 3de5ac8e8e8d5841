package dev.drydock.analyzers.testing;

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

/** One folder of test fixtures, {@code src/test/resources/fixtures/<folder>}, and running analyzers on it. */
public record FixtureDir(String folder) {

  public static FixtureDir of(String folder) {
    return new FixtureDir(folder);
  }

  public Path dir() {
    try {
      return Path.of(FixtureDir.class.getResource("/fixtures/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tab-separated expected list, empty lines left out. */
  public List<String[]> tsv(String relative) {
    try {
      return Files.readAllLines(dir().resolve(relative), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packages {@code analyzer} finds in fixture file {@code fixture}, presented at {@code imagePath}. */
  public List<Package> analyze(Analyzer analyzer, String imagePath, String fixture) throws IOException {
    return packages(analyzer.analyze(FileInput.ofFile(imagePath, dir().resolve(fixture), 0644)));
  }

  /** The packages {@code analyzer} finds in {@code text}, presented at {@code imagePath}. */
  public List<Package> analyzeText(Analyzer analyzer, String imagePath, String text) throws IOException {
    return packages(analyzer.analyze(FileInput.ofBytes(imagePath, text.getBytes(StandardCharsets.UTF_8), 0644)));
  }

  public static List<Package> packages(List<Fact> facts) {
    return facts.stream().filter(f -> f instanceof Fact.PackageFound).map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }
}
