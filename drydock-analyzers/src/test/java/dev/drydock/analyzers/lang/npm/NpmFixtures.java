package dev.drydock.analyzers.lang.npm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads the npm fixtures and the outputs of the real tools recorded next to them (see FIXTURES.md). */
final class NpmFixtures {
  static final ObjectMapper JSON = new ObjectMapper();

  private NpmFixtures() {}

  static Path dir() {
    try {
      return Path.of(NpmFixtures.class.getResource("/fixtures/npm").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(String relative) {
    try {
      return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Package> analyze(Analyzer analyzer, String imagePath, String fixture) throws IOException {
    if (!analyzer.wants(imagePath, 0, 0644)) {
      throw new AssertionError(analyzer.name() + " does not want " + imagePath);
    }
    return packages(analyzer.analyze(FileInput.ofFile(imagePath, dir().resolve(fixture), 0644)));
  }

  static List<Package> packages(List<Fact> facts) {
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  /** "name@version" with the scope put back, as npm prints it. */
  static String id(Package p) {
    return (p.namespace() == null ? "" : p.namespace() + "/") + p.name() + "@" + p.version();
  }

  static Set<String> ids(List<Package> packages) {
    return packages.stream().map(NpmFixtures::id).collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> devIds(List<Package> packages) {
    return packages.stream().filter(p -> "true".equals(p.attribute("dev"))).map(NpmFixtures::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * name@version of every line of {@code npm ls --all --parseable --long} except the project itself and
   * links (lines with a third, link-target field).
   */
  static Set<String> npmLs(String relative) {
    Set<String> out = new TreeSet<>();
    for (String line : read(relative).split("\n")) {
      String[] fields = line.split(":");
      if (fields.length == 2 && !fields[0].equals("PROJECT")) {
        out.add(fields[1]);
      }
    }
    return out;
  }

  /** name@version of every node of a {@code pnpm list --depth Infinity --json} tree. */
  static Set<String> pnpmList(String relative) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode project : JSON.readTree(read(relative))) {
      collectPnpm(project, out);
    }
    return out;
  }

  private static void collectPnpm(JsonNode node, Set<String> out) {
    for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
      node.path(section).fields().forEachRemaining(e -> {
        out.add(e.getValue().path("from").asText() + "@" + e.getValue().path("version").asText());
        collectPnpm(e.getValue(), out);
      });
    }
  }
}
