package dev.drydock.analyzers.lang.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NpmLockAnalyzerTest {
  private final NpmLockAnalyzer analyzer = new NpmLockAnalyzer();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void packagesAndDevFlagsMatchNpmLs(int lockfileVersion) throws IOException {
    List<Package> everything = NpmFixtures.analyze(analyzer, "src/package-lock.json",
        "lock-v" + lockfileVersion + "/package-lock.json");
    List<Package> found = everything.stream().filter(p -> p.attribute("project") == null).toList();

    Set<String> all = NpmFixtures.npmLs("npm-ls-v" + lockfileVersion + "-all.txt");
    Set<String> prod = NpmFixtures.npmLs("npm-ls-v" + lockfileVersion + "-prod.txt");
    Set<String> dev = new TreeSet<>(all);
    dev.removeAll(prod);

    assertThat(NpmFixtures.ids(found)).isEqualTo(all);
    assertThat(NpmFixtures.devIds(found)).isEqualTo(dev).isNotEmpty();
    assertThat(found).hasSize(all.size()); // one fact per name@version
    // the project itself and its workspace member are reported as such (lock v2/v3 name them; v1 does not)
    assertThat(everything).filteredOn(p -> p.attribute("project") != null)
        .extracting(p -> p.name() + "@" + p.version() + " " + p.attribute("project"))
        .containsExactlyElementsOf(lockfileVersion == 1 ? List.of()
            : List.of("drydock-fixture-app@1.0.0 root", "local-lib@0.1.0 member"));
    assertThat(found).extracting(Package::name).doesNotContain("local-lib", "drydock-fixture-app");
    assertThat(found).allSatisfy(p -> assertThat(p.location()).isEqualTo("src/package-lock.json"));
  }

  /** The npm alias of @isaacs/cliui 8 as package-lock.json v3 records it: the folder is the alias, name the package. */
  @Test
  void v3AliasIsNamedAfterTheRealPackage() throws IOException {
    String lock = """
        {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {
          "": {"name": "app", "version": "1.0.0", "dependencies": {"@isaacs/cliui": "^8.0.2"}},
          "node_modules/@isaacs/cliui": {"version": "8.0.2", "dependencies": {"string-width-cjs": "npm:string-width@^4.2.0"}},
          "node_modules/string-width-cjs": {"name": "string-width", "version": "4.2.3", "license": "MIT"}
        }}""";
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("package-lock.json", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(found).filteredOn(p -> p.attribute("project") == null).extracting(NpmFixtures::id)
        .containsExactly("@isaacs/cliui@8.0.2", "string-width@4.2.3");
  }

  @Test
  void v3LockCarriesLicensesAndScopes() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "package-lock.json", "lock-v3/package-lock.json");
    Package debug = found.stream().filter(p -> p.name().equals("debug")).findFirst().orElseThrow();
    assertThat(debug.licenses()).containsExactly("MIT");
    Package scoped = found.stream().filter(p -> p.name().equals("string-locale-compare")).findFirst().orElseThrow();
    assertThat(scoped.namespace()).isEqualTo("@isaacs");
  }

  @Test
  void v1AliasResolvesToTheRealPackage() throws IOException {
    String lock = """
        {"lockfileVersion": 1, "dependencies": {
          "my-ms": {"version": "npm:ms@2.1.2", "integrity": "sha512-x"},
          "local": {"version": "file:../local"}}}""";
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("package-lock.json", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("ms@2.1.2");
  }

  @Test
  void wantsLockFilesOutsideNodeModules() {
    assertThat(analyzer.wants("package-lock.json", 1, 0644)).isTrue();
    assertThat(analyzer.wants("srv/app/npm-shrinkwrap.json", 1, 0644)).isTrue();
    assertThat(analyzer.wants("srv/app/node_modules/x/package-lock.json", 1, 0644)).isFalse();
    assertThat(analyzer.wants("srv/app/package.json", 1, 0644)).isFalse();
    assertThat(analyzer.wants("srv/app/old-package-lock.json", 1, 0644)).isFalse();
  }

  @Test
  void malformedLockGivesNoFacts() throws IOException {
    String truncated = NpmFixtures.read("lock-v3/package-lock.json").substring(0, 700);
    assertThat(analyzer.analyze(FileInput.ofBytes("package-lock.json",
        truncated.getBytes(StandardCharsets.UTF_8), 0644))).isEmpty();
  }

  /**
   * The edges of the real lock files: debug 2.6.9 requires ms 2.0.0 (nested under it, not the top-level
   * 2.1.3), once requires wrappy, the workspace member local-lib requires inherits, and the project requires
   * its direct dependencies (lock v2/v3 only: v1 has no entry for the project).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void edgesAreResolvedAsNodeResolvesThem(int lockfileVersion) throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "src/package-lock.json",
        "lock-v" + lockfileVersion + "/package-lock.json");
    java.util.Map<String, List<String>> edges = new java.util.TreeMap<>();
    found.stream().filter(p -> !p.dependsOn().isEmpty()).forEach(p -> edges.put(NpmFixtures.id(p), p.dependsOn()));
    java.util.Map<String, List<String>> expected = new java.util.TreeMap<>(java.util.Map.of(
        "debug@2.6.9", List.of("pkg:npm/ms@2.0.0"),
        "once@1.4.0", List.of("pkg:npm/wrappy@1.0.2")));
    if (lockfileVersion > 1) {
      expected.put("local-lib@0.1.0", List.of("pkg:npm/inherits@2.0.4"));
      expected.put("drydock-fixture-app@1.0.0", List.of("pkg:npm/%40isaacs/string-locale-compare@1.1.0",
          "pkg:npm/debug@2.6.9", "pkg:npm/local-lib@0.1.0", "pkg:npm/ms@2.1.3", "pkg:npm/once@1.4.0"));
    }
    assertThat(edges).isEqualTo(expected);
  }
}
