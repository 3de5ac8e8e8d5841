package dev.drydock.analyzers.lang.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PnpmLockAnalyzerTest {
  private final PnpmLockAnalyzer analyzer = new PnpmLockAnalyzer();

  /** pnpm7 writes lockfileVersion 5.4, pnpm8 6.0, pnpm9 9.0 (same package.json, see FIXTURES.md). */
  @ParameterizedTest
  @ValueSource(strings = {"pnpm7", "pnpm8", "pnpm9"})
  void packagesAndDevFlagsMatchPnpmList(String dir) throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/pnpm-lock.yaml", dir + "/pnpm-lock.yaml");

    Set<String> all = NpmFixtures.pnpmList(dir + "/pnpm-list-all.json");
    Set<String> prod = NpmFixtures.pnpmList(dir + "/pnpm-list-prod.json");
    Set<String> dev = new TreeSet<>(all);
    dev.removeAll(prod);

    assertThat(NpmFixtures.ids(found)).isEqualTo(all);
    assertThat(found).hasSize(all.size());
    assertThat(NpmFixtures.devIds(found)).isEqualTo(dev).isNotEmpty();
    // peer suffixes (_react@18.2.0 / (react@18.2.0)) are not part of the version
    assertThat(found).extracting(Package::version).allSatisfy(v -> assertThat(v).doesNotContain("(", "_", "@"));
  }

  /**
   * pnpm 11/12 put an "env" document (config dependencies, the pinned pnpm and its binaries) before the
   * project's lock document. The project's packages must all be read; pnpm's own are tooling, so dev.
   */
  @Test
  void multiDocumentLockReadsTheProjectDocumentToo() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/pnpm-lock.yaml", "pnpm12/pnpm-lock.yaml");

    Set<String> project = NpmFixtures.pnpmList("pnpm9/pnpm-list-all.json");
    Set<String> prod = NpmFixtures.pnpmList("pnpm9/pnpm-list-prod.json");
    Set<String> env = Set.of("@pnpm/exe@12.0.0-rc.3", "@pnpm/exe.linux-arm64@12.0.0-rc.3",
        "@pnpm/exe.linux-x64@12.0.0-rc.3", "pnpm@12.0.0-rc.3");
    Set<String> all = new TreeSet<>(project);
    all.addAll(env);
    Set<String> dev = new TreeSet<>(all);
    dev.removeAll(prod);

    assertThat(NpmFixtures.ids(found)).isEqualTo(all);
    assertThat(found).hasSize(all.size());
    assertThat(NpmFixtures.devIds(found)).isEqualTo(dev).containsAll(env);
    assertThat(found).filteredOn(p -> env.contains(NpmFixtures.id(p)))
        .allSatisfy(p -> assertThat(p.attribute("packageManager")).isEqualTo("true"));
  }

  /**
   * Edges of the real lock files (5.4, 6.0, 9.0 and the two-document one): what
   * {@code pnpm list --depth Infinity --json} shows as each package's children. The project (importer
   * {@code .}) is not a package of the lock, so its own edges are not carried. pnpm12 is the pnpm9 lock after
   * an env document.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pnpm7", "pnpm8", "pnpm9", "pnpm12"})
  void edgesMatchPnpmList(String dir) throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/pnpm-lock.yaml", dir + "/pnpm-lock.yaml");
    String listed = dir.equals("pnpm12") ? "pnpm9" : dir;
    java.util.Map<String, List<String>> expected = new java.util.TreeMap<>();
    for (com.fasterxml.jackson.databind.JsonNode project
        : NpmFixtures.JSON.readTree(NpmFixtures.read(listed + "/pnpm-list-all.json"))) {
      for (String section : List.of("dependencies", "devDependencies", "optionalDependencies")) {
        project.path(section).forEach(child -> collectEdges(child, expected));
      }
    }
    assertThat(expected).hasSize(5);
    if (dir.equals("pnpm12")) {
      // the env document's own edges: @pnpm/exe's optionalDependencies (its platform binaries)
      expected.put("@pnpm/exe@12.0.0-rc.3", List.of("pkg:npm/%40pnpm/exe.linux-arm64@12.0.0-rc.3",
          "pkg:npm/%40pnpm/exe.linux-x64@12.0.0-rc.3"));
    }
    assertThat(edges(found)).isEqualTo(expected);
  }

  private static void collectEdges(com.fasterxml.jackson.databind.JsonNode node,
      java.util.Map<String, List<String>> out) {
    String id = node.path("from").asText() + "@" + node.path("version").asText();
    Set<String> children = new TreeSet<>();
    for (String section : List.of("dependencies", "optionalDependencies")) {
      node.path(section).forEach(child -> {
        children.add(NpmNames.purl(child.path("from").asText(), child.path("version").asText()));
        collectEdges(child, out);
      });
    }
    if (!children.isEmpty()) {
      out.put(id, List.copyOf(children));
    }
  }

  private static java.util.Map<String, List<String>> edges(List<Package> found) {
    java.util.Map<String, List<String>> edges = new java.util.TreeMap<>();
    found.stream().filter(p -> !p.dependsOn().isEmpty()).forEach(p -> edges.put(NpmFixtures.id(p), p.dependsOn()));
    return edges;
  }

  /** Edges of pnpm-edges/v6 and v9 (the same app, see FIXTURES.md): what the package entries list. */
  private static final java.util.Map<String, List<String>> APP_EDGES = java.util.Map.ofEntries(
      java.util.Map.entry("@isaacs/cliui@8.0.2", List.of("pkg:npm/string-width@4.2.3", "pkg:npm/strip-ansi@6.0.1")),
      java.util.Map.entry("@tanstack/react-query@5.59.0",
          List.of("pkg:npm/%40tanstack/query-core@5.59.0", "pkg:npm/react@18.3.1")),
      java.util.Map.entry("anymatch@3.1.3", List.of("pkg:npm/normalize-path@3.0.0", "pkg:npm/picomatch@2.3.1")),
      java.util.Map.entry("chokidar@3.6.0",
          List.of("pkg:npm/anymatch@3.1.3", "pkg:npm/fsevents@2.3.3", "pkg:npm/normalize-path@3.0.0")),
      java.util.Map.entry("local-utils@1.2.0", List.of("pkg:npm/lodash@4.17.21", "pkg:npm/ms@2.1.3")),
      java.util.Map.entry("loose-envify@1.4.0", List.of("pkg:npm/js-tokens@4.0.0")),
      java.util.Map.entry("react@18.3.1", List.of("pkg:npm/loose-envify@1.4.0")),
      java.util.Map.entry("react-dom@18.3.1",
          List.of("pkg:npm/loose-envify@1.4.0", "pkg:npm/react@18.3.1", "pkg:npm/scheduler@0.23.2")),
      java.util.Map.entry("scheduler@0.23.2", List.of("pkg:npm/loose-envify@1.4.0")),
      java.util.Map.entry("string-width@4.2.3", List.of("pkg:npm/emoji-regex@8.0.0",
          "pkg:npm/is-fullwidth-code-point@3.0.0", "pkg:npm/strip-ansi@6.0.1")),
      java.util.Map.entry("strip-ansi@6.0.1", List.of("pkg:npm/ansi-regex@5.0.1")));

  /**
   * An app's lock as pnpm writes it (6.0: edges in {@code packages}; 9.0: in {@code snapshots}): peer-suffixed
   * keys and values, aliases ({@code string-width-cjs: string-width@4.2.3}), optional dependencies, a
   * {@code file:} directory and a tarball URL package, a {@code link:} importer dependency (no package).
   */
  @ParameterizedTest
  @ValueSource(strings = {"v6", "v9"})
  void edgesResolvedToTheReportedPackages(String version) throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/pnpm-lock.yaml",
        "pnpm-edges/" + version + "/pnpm-lock.yaml");
    assertThat(found).hasSize(21);
    assertThat(edges(found)).isEqualTo(new java.util.TreeMap<>(APP_EDGES));
    // every edge names a package the analyzer reports
    Set<String> purls = new TreeSet<>();
    found.forEach(p -> purls.add(NpmNames.purl(p.namespace() == null ? p.name() : p.namespace() + "/" + p.name(),
        p.version())));
    found.forEach(p -> assertThat(purls).containsAll(p.dependsOn()));
  }

  @Test
  void parsesKeysOfEveryLockfileVersion() {
    assertThat(PnpmLockAnalyzer.parseKey("/@babel/core/7.22.5_supports-color@5.5.0", true))
        .containsExactly("@babel/core", "7.22.5");
    assertThat(PnpmLockAnalyzer.parseKey("/@babel/core@7.22.5(supports-color@5.5.0)", false))
        .containsExactly("@babel/core", "7.22.5");
    assertThat(PnpmLockAnalyzer.parseKey("debug@4.3.4(supports-color@8.1.1)", false))
        .containsExactly("debug", "4.3.4");
  }

  @Test
  void v9DevOnlyWhenNotReachableFromProductionImporters() throws IOException {
    String lock = """
        lockfileVersion: '9.0'
        importers:
          .:
            dependencies:
              a: {specifier: ^1.0.0, version: 1.0.0}
              local: {specifier: 'link:../local', version: 'link:../local'}
            devDependencies:
              b: {specifier: ^2.0.0, version: 2.0.0(a@1.0.0)}
        packages:
          a@1.0.0: {resolution: {integrity: sha512-a}}
          b@2.0.0: {resolution: {integrity: sha512-b}}
          shared@3.0.0: {resolution: {integrity: sha512-s}}
          only-dev@4.0.0: {resolution: {integrity: sha512-o}}
        snapshots:
          a@1.0.0:
            dependencies: {shared: 3.0.0}
          b@2.0.0(a@1.0.0):
            dependencies: {shared: 3.0.0, only-dev: 4.0.0}
          shared@3.0.0: {}
          only-dev@4.0.0: {}
        """;
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("pnpm-lock.yaml", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("a@1.0.0", "b@2.0.0", "only-dev@4.0.0", "shared@3.0.0");
    assertThat(NpmFixtures.devIds(found)).containsExactly("b@2.0.0", "only-dev@4.0.0");
  }

  /**
   * pnpm 9 writes a tarball-URL or {@code file:} dependency's importer version as the specifier itself and
   * keys its snapshot {@code name@specifier} (shape as in pnpm's docs on supported package sources,
   * https://pnpm.io/package-sources); such production dependencies are not dev.
   */
  @Test
  void v9TarballAndFileDependenciesOfProductionAreNotDev() throws IOException {
    String lock = """
        lockfileVersion: '9.0'

        settings:
          autoInstallPeers: true
          excludeLinksFromLockfile: false

        importers:

          .:
            dependencies:
              local-utils:
                specifier: file:vendor/local-utils
                version: file:vendor/local-utils
              lodash:
                specifier: https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz
                version: https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz
            devDependencies:
              is-odd:
                specifier: 3.0.1
                version: 3.0.1

        packages:

          is-number@6.0.0:
            resolution: {integrity: sha512-elided}
            engines: {node: '>=0.10.0'}

          is-odd@3.0.1:
            resolution: {integrity: sha512-elided}
            engines: {node: '>=4'}

          local-utils@file:vendor/local-utils:
            resolution: {directory: vendor/local-utils, type: directory}
            version: 1.2.0

          lodash@https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz:
            resolution: {tarball: https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz}
            version: 4.17.21

          ms@2.1.3:
            resolution: {integrity: sha512-elided}

        snapshots:

          is-number@6.0.0: {}

          is-odd@3.0.1:
            dependencies:
              is-number: 6.0.0

          local-utils@file:vendor/local-utils:
            dependencies:
              ms: 2.1.3

          lodash@https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz: {}

          ms@2.1.3: {}
        """;
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("pnpm-lock.yaml", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("is-number@6.0.0", "is-odd@3.0.1", "local-utils@1.2.0",
        "lodash@4.17.21", "ms@2.1.3");
    assertThat(NpmFixtures.devIds(found)).containsExactly("is-number@6.0.0", "is-odd@3.0.1");
  }

  @Test
  void lockLargerThanSnakeYamlsDefaultLimitIsRead() throws IOException {
    StringBuilder lock = new StringBuilder("lockfileVersion: '6.0'\n\npackages:\n\n");
    int count = 0;
    while (lock.length() < 4 * 1024 * 1024) {
      lock.append("  /pkg-").append(count).append("@1.0.").append(count).append(":\n")
          .append("    resolution: {integrity: sha512-").append("A".repeat(86)).append("==}\n    dev: false\n\n");
      count++;
    }
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("pnpm-lock.yaml", lock.toString().getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(found).hasSize(count);
  }

  @Test
  void malformedYamlGivesNoFacts() throws IOException {
    assertThat(analyzer.analyze(FileInput.ofBytes("pnpm-lock.yaml",
        "lockfileVersion: '9.0'\npackages: [\n  {".getBytes(StandardCharsets.UTF_8), 0644))).isEmpty();
    assertThat(analyzer.wants("repo/pnpm-lock.yaml", 1, 0644)).isTrue();
    assertThat(analyzer.wants("repo/pnpm-lock.yml", 1, 0644)).isFalse();
  }
}
