package dev.drydock.analyzers.lang.python;

import dev.drydock.analyzers.testing.FixtureDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonLockAnalyzerTest {
  private final PythonLockAnalyzer analyzer = new PythonLockAnalyzer();

  private static Set<String> ids(List<Package> packages, boolean dev) {
    return packages.stream().filter(p -> "true".equals(p.attribute("dev")) == dev)
        .map(p -> p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> expected(String tsv, String section) {
    return FixtureDir.of("python").tsv(tsv).stream().filter(r -> r[0].equals(section)).map(r -> r[1] + "@" + r[2])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void pipfileLockDefaultAndDevelop() throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer, "app/Pipfile.lock", "pipenv/Pipfile.lock");
    assertThat(ids(found, false)).isEqualTo(expected("pipenv/expected.tsv", "default"));
    assertThat(ids(found, true)).isEqualTo(expected("pipenv/expected.tsv", "develop")).isNotEmpty();
    assertThat(found).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.PYPI);
      assertThat(p.location()).isEqualTo("app/Pipfile.lock");
    });
  }

  @Test
  void poetryLockWithCategories() throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer, "poetry.lock", "poetry-old/poetry.lock");
    assertThat(ids(found, false)).isEqualTo(expected("poetry-old/expected.tsv", "main"));
    assertThat(ids(found, true)).isEmpty();
  }

  /** poetry's own old lock: each [package.dependencies] name to the locked package (listed with tomllib). */
  @Test
  void poetryEdges() throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer, "poetry.lock", "poetry-old/poetry.lock");
    List<String> expected = FixtureDir.of("python").tsv("poetry-old/expected-edges.tsv").stream()
        .map(l -> l[0] + " -> pkg:pypi/" + l[1]).sorted().toList();
    List<String> edges = found.stream().flatMap(p -> p.dependsOn().stream().map(d -> p.name() + "@" + p.version()
        + " -> " + d)).sorted().toList();
    assertThat(edges).isEqualTo(expected).hasSize(9);
  }

  @Test
  void poetryDevCategoryAndGroups() throws IOException {
    String lock = """
        [[package]]
        name = "pytest"
        version = "7.4.0"
        category = "dev"
        optional = false

        [[package]]
        name = "ruff"
        version = "0.5.0"
        groups = ["lint"]

        [[package]]
        name = "attrs"
        version = "23.1.0"
        groups = ["main", "dev"]

        [metadata]
        lock-version = "2.1"
        """;
    List<Package> found = FixtureDir.of("python").analyzeText(analyzer, "poetry.lock", lock);
    assertThat(ids(found, true)).containsExactly("pytest@7.4.0", "ruff@0.5.0");
    assertThat(ids(found, false)).containsExactly("attrs@23.1.0");
  }

  @Test
  void requirementsPinnedLinesMatchPipsParser() throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer, "srv/requirements-prod.txt",
        "requirements/requirements-prod.txt");
    Set<String> expected = FixtureDir.of("python").tsv("requirements/expected-pip.tsv").stream()
        .map(r -> r[0] + "@" + r[1]).collect(Collectors.toCollection(TreeSet::new));
    assertThat(ids(found, false)).isEqualTo(expected);
    // unpinned, ranged, wildcard, URL and editable requirements are not reported
    assertThat(found).extracting(Package::name)
        .doesNotContain("Django", "flask", "typing_extensions", "pkg-from-url", "numpy", "tool");
  }

  /** PowerShell's {@code pip freeze > requirements.txt} writes UTF-16LE with a BOM; comments after pins. */
  @ParameterizedTest
  @CsvSource({"requirements-windows.txt, expected-windows-pip.tsv",
      "requirements-comments.txt, expected-comments-pip.tsv"})
  void requirementsEncodingsAndCommentsMatchPipsParser(String file, String tsv) throws IOException {
    List<Package> found = FixtureDir.of("python").analyze(analyzer, "srv/" + file, "requirements/" + file);
    Set<String> expected = FixtureDir.of("python").tsv("requirements/" + tsv).stream()
        .map(r -> r[0] + "@" + r[1]).collect(Collectors.toCollection(TreeSet::new));
    assertThat(expected).isNotEmpty();
    assertThat(ids(found, false)).isEqualTo(expected);
    assertThat(found).hasSize(expected.size());
  }

  @Test
  void malformedFilesGiveNoFacts() throws IOException {
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "Pipfile.lock", "{\"default\": {")).isEmpty();
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "poetry.lock", "[[package]\nname = ")).isEmpty();
    assertThat(FixtureDir.of("python").analyzeText(analyzer, "requirements.txt", "==1.0\n[x]==2\n")).isEmpty();
  }

  @Test
  void wantsLockAndRequirementsFiles() {
    assertThat(analyzer.wants("app/poetry.lock", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/Pipfile.lock", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/requirements.txt", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/requirements-dev.txt", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/Pipfile", 1, 0644)).isFalse();
    assertThat(analyzer.wants("app/dev-requirements.in", 1, 0644)).isFalse();
    assertThat(analyzer.wants("app/notes.txt", 1, 0644)).isFalse();
  }
}
