package dev.drydock.analyzers.lang.npm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import dev.drydock.model.Purls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NpmPackageJsonAnalyzerTest {
  private final NpmPackageJsonAnalyzer analyzer = new NpmPackageJsonAnalyzer();

  /** Feeds every file of the copied node_modules tree through wants/analyze, as a layer walk would. */
  private List<Package> scanImage() throws IOException {
    Path root = NpmFixtures.dir().resolve("image");
    List<Package> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (analyzer.wants(rel, Files.size(f), 0644)) {
          out.addAll(NpmFixtures.packages(analyzer.analyze(FileInput.ofFile(rel, f, 0644))));
        }
      }
    }
    return out;
  }

  @Test
  void reportsExactlyWhatNpmLsSeesInNodeModules() throws IOException {
    List<Package> found = scanImage();
    assertThat(NpmFixtures.ids(found)).isEqualTo(NpmFixtures.npmLs("npm-ls-installed.txt"));
    // ms twice (top level and nested under debug), each at its own location
    assertThat(found).extracting(Package::location)
        .contains("app/node_modules/ms/package.json", "app/node_modules/debug/node_modules/ms/package.json")
        .doesNotContain("app/package.json", "app/packages/local-lib/package.json");
  }

  @Test
  void licensesAndLocationsMatchWhatNodeReads() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    for (String line : NpmFixtures.read("image-node-license.tsv").split("\n")) {
      String[] f = line.split("\t");
      expected.put("app/" + f[0], f[1] + "@" + f[2] + " " + f[3].replace("\"", ""));
    }
    Map<String, String> actual = new TreeMap<>();
    for (Package p : scanImage()) {
      actual.put(p.location(), NpmFixtures.id(p) + " " + String.join(",", p.licenses()));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void scopedPackageGetsAtScopeNamespaceAndPurl() throws IOException {
    Package p = NpmFixtures.analyze(analyzer, "app/node_modules/@isaacs/string-locale-compare/package.json",
        "image/app/node_modules/@isaacs/string-locale-compare/package.json").get(0);
    assertThat(p.ecosystem()).isEqualTo(Ecosystem.NPM);
    assertThat(p.namespace()).isEqualTo("@isaacs");
    assertThat(p.name()).isEqualTo("string-locale-compare");
    assertThat(Purls.of(p, null)).isEqualTo("pkg:npm/%40isaacs/string-locale-compare@1.1.0");
  }

  @Test
  void wantsOnlyPackageRootsInsideNodeModules() {
    assertThat(analyzer.wants("usr/lib/node_modules/npm/package.json", 10, 0644)).isTrue();
    assertThat(analyzer.wants("node_modules/@types/node/package.json", 10, 0644)).isTrue();
    assertThat(analyzer.wants("app/node_modules/a/node_modules/b/package.json", 10, 0644)).isTrue();
    assertThat(analyzer.wants("app/package.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("app/node_modules/a/lib/package.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("app/node_modules/@types/package.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("app/node_modules/package.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("app/my_node_modules/a/package.json", 10, 0644)).isFalse();
    assertThat(analyzer.wants("app/node_modules/.package-lock.json", 10, 0644)).isFalse();
  }

  @Test
  void legacyLicenseFormsAndIncompleteOrBrokenFiles() throws IOException {
    String legacy = """
        {"name": "old-lib", "version": "0.3.1",
         "licenses": [{"type": "MIT", "url": "http://x/MIT"}, {"type": "Apache-2.0", "url": "http://x/A"}]}""";
    assertThat(analyze(legacy).get(0).licenses()).containsExactly("MIT", "Apache-2.0");
    assertThat(analyze("{\"name\":\"o\",\"version\":\"1.0.0\",\"license\":{\"type\":\"BSD-3-Clause\"}}").get(0)
        .licenses()).containsExactly("BSD-3-Clause");
    assertThat(analyze("{\"name\": \"no-version\"}")).isEmpty();
    assertThat(analyze("{\"version\": \"1.0.0\"}")).isEmpty();
    assertThat(analyze("{\"name\": \"x\", \"version\": ")).isEmpty();
    assertThat(analyze("[1, 2]")).isEmpty();
  }

  private List<Package> analyze(String json) throws IOException {
    return NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("node_modules/x/package.json", json.getBytes(StandardCharsets.UTF_8), 0644)));
  }
}
