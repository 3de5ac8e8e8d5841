package dev.drydock.analyzers.os.rpm;

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
import java.util.stream.Collectors;

/** Access to the fixtures under src/test/resources/fixtures/rpm and helpers to render facts as rows. */
final class RpmFixtures {
  private RpmFixtures() {}

  static Path path(String relative) {
    try {
      var url = RpmFixtures.class.getResource("/fixtures/rpm/" + relative);
      if (url == null) {
        throw new IllegalStateException("missing fixture " + relative);
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> lines(String relative) {
    try {
      return Files.readAllLines(path(relative), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isEmpty())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Fact> analyze(String imagePath, Path file) throws IOException {
    return new RpmAnalyzer().analyze(FileInput.ofFile(imagePath, file, 0644));
  }

  static List<Package> packages(List<Fact> facts) {
    return facts.stream()
        .filter(f -> f instanceof Fact.PackageFound)
        .map(f -> ((Fact.PackageFound) f).pkg())
        .collect(Collectors.toList());
  }

  static List<Fact.OwnedFiles> owned(List<Fact> facts) {
    return facts.stream()
        .filter(f -> f instanceof Fact.OwnedFiles)
        .map(f -> (Fact.OwnedFiles) f)
        .collect(Collectors.toList());
  }

  /** NAME, EPOCHNUM, VERSION, RELEASE, ARCH, SOURCERPM: the columns of expected.tsv. */
  static String rpmQaRow(Package p) {
    String epoch = p.attribute("epoch");
    return String.join("\t", p.name(), epoch == null ? "0" : epoch, p.attribute("version"),
        p.attribute("release"), p.arch(), p.attribute("sourceRpm"));
  }

  /** The columns of packages.tsv: as rpmQaRow, epoch empty when the tag is absent, plus VENDOR, LICENSE. */
  static String fullRow(Package p) {
    String epoch = p.attribute("epoch");
    String vendor = p.attribute("vendor");
    return String.join("\t", p.name(), epoch == null ? "" : epoch, p.attribute("version"),
        p.attribute("release"), p.arch(), p.attribute("sourceRpm"), vendor == null ? "" : vendor,
        p.licenses().isEmpty() ? "" : p.licenses().get(0));
  }
}
