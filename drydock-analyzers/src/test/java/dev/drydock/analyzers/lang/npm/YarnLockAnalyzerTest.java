package dev.drydock.analyzers.lang.npm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class YarnLockAnalyzerTest {
  private final YarnLockAnalyzer analyzer = new YarnLockAnalyzer();

  @Test
  void classicLockMatchesYarnList() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/yarn.lock", "yarn1/yarn.lock");

    // `yarn list --json`: every non-shadow node of the tree is an installed name@version
    Set<String> expected = new TreeSet<>();
    collect(NpmFixtures.JSON.readTree(NpmFixtures.read("yarn1/yarn-list.json")).path("data").path("trees"), expected);

    assertThat(NpmFixtures.ids(found)).isEqualTo(expected);
    assertThat(found).hasSize(expected.size());
    assertThat(found).filteredOn(p -> p.name().equals("string-locale-compare"))
        .extracting(Package::namespace).containsExactly("@isaacs");
  }

  private static void collect(JsonNode nodes, Set<String> out) {
    for (JsonNode n : nodes) {
      if (!n.path("shadow").asBoolean(false)) {
        out.add(n.path("name").asText());
      }
      collect(n.path("children"), out);
    }
  }

  @Test
  void berryLockMatchesYarnInfo() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/yarn.lock", "berry/yarn.lock");

    // `yarn info --all --recursive --json`: one JSON object per line, value "name@npm:range"
    Set<String> expected = new TreeSet<>();
    for (String line : NpmFixtures.read("berry/yarn-info.ndjson").split("\n")) {
      JsonNode n = NpmFixtures.JSON.readTree(line);
      String value = n.path("value").asText();
      int protocol = value.indexOf("@npm:");
      if (protocol > 0) {
        expected.add(value.substring(0, protocol) + "@" + n.path("children").path("Version").asText());
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(NpmFixtures.ids(found)).isEqualTo(expected);
    assertThat(found).extracting(Package::name).doesNotContain("drydock-fixture-js");
  }

  @Test
  void classicAliasesAndLocalEntries() throws IOException {
    String lock = """
        # yarn lockfile v1


        "my-ms@npm:ms@^2.1.0":
          version "2.1.3"
          resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"

        "local-thing@file:./local":
          version "0.0.1"

        "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
          version "7.12.13"
          dependencies:
            "@babel/highlight" "^7.12.13"
        """;
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("yarn.lock", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("@babel/code-frame@7.12.13", "ms@2.1.3");
  }

  /**
   * @isaacs/cliui 8 depends on "string-width-cjs": "npm:string-width@^4.2.0" (an npm alias); the package
   * installed is string-width, which advisories name. Entries in the shape yarn 4 writes for it.
   */
  @Test
  void berryAliasIsNamedAfterTheRealPackage() throws IOException {
    String lock = """
        __metadata:
          version: 8
          cacheKey: 10

        "string-width-cjs@npm:string-width@^4.2.0, string-width@npm:^4.1.0, string-width@npm:^4.2.0":
          version: 4.2.3
          resolution: "string-width@npm:4.2.3"
          dependencies:
            emoji-regex: "npm:^8.0.0"
          languageName: node
          linkType: hard

        "emoji-regex@npm:^8.0.0":
          version: 8.0.0
          resolution: "emoji-regex@npm:8.0.0"
          languageName: node
          linkType: hard
        """;
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("yarn.lock", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("emoji-regex@8.0.0", "string-width@4.2.3");
  }

  @Test
  void berryPatchAndWorkspaceEntries() throws IOException {
    String lock = """
        __metadata:
          version: 8
          cacheKey: 10

        "resolve@npm:^1.22.1":
          version: 1.22.8
          resolution: "resolve@npm:1.22.8"
          languageName: node
          linkType: hard

        "resolve@patch:resolve@npm%3A^1.22.1#~builtin<compat/resolve>":
          version: 1.22.8
          resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
          languageName: node
          linkType: hard

        "@acme/ui@workspace:packages/ui":
          version: 0.0.0-use.local
          resolution: "@acme/ui@workspace:packages/ui"
          languageName: unknown
          linkType: soft
        """;
    List<Package> found = NpmFixtures.packages(analyzer.analyze(
        FileInput.ofBytes("yarn.lock", lock.getBytes(StandardCharsets.UTF_8), 0644)));
    assertThat(NpmFixtures.ids(found)).containsExactly("resolve@1.22.8");
    assertThat(analyzer.analyze(FileInput.ofBytes("yarn.lock",
        "__metadata:\n  version: 8\n\"a@npm:1\": [\n".getBytes(StandardCharsets.UTF_8), 0644))).isEmpty();
  }

  /** Classic edges: what `yarn list --json` shows as each top-level node's children (shadow or not). */
  @Test
  void classicEdgesMatchYarnList() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/yarn.lock", "yarn1/yarn.lock");
    java.util.Map<String, List<String>> edges = new java.util.TreeMap<>();
    found.stream().filter(p -> !p.dependsOn().isEmpty()).forEach(p -> edges.put(NpmFixtures.id(p), p.dependsOn()));
    assertThat(edges).isEqualTo(java.util.Map.of(
        "debug@2.6.9", List.of("pkg:npm/ms@2.0.0"),
        "loose-envify@1.4.0", List.of("pkg:npm/js-tokens@4.0.0"),
        "once@1.4.0", List.of("pkg:npm/wrappy@1.0.2"),
        "react@18.2.0", List.of("pkg:npm/loose-envify@1.4.0")));
  }

  /** Berry edges: the locators `yarn info --all --recursive --json` lists as each package's Dependencies. */
  @Test
  void berryEdgesMatchYarnInfo() throws IOException {
    List<Package> found = NpmFixtures.analyze(analyzer, "app/yarn.lock", "berry/yarn.lock");
    java.util.Map<String, List<String>> expected = new java.util.TreeMap<>();
    for (String line : NpmFixtures.read("berry/yarn-info.ndjson").split("\n")) {
      JsonNode n = NpmFixtures.JSON.readTree(line);
      String value = n.path("value").asText();
      if (value.contains("@workspace:")) {
        continue; // the project: not a reported package
      }
      List<String> deps = new java.util.ArrayList<>();
      for (JsonNode d : n.path("children").path("Dependencies")) {
        String locator = d.path("locator").asText();
        String name = locator.substring(0, locator.indexOf('@', 1));
        deps.add("pkg:npm/" + name.replace("@", "%40") + "@" + locator.substring(locator.lastIndexOf(":") + 1));
      }
      if (!deps.isEmpty()) {
        expected.put(value.substring(0, value.indexOf("@npm:")) + "@" + n.path("children").path("Version").asText(),
            deps.stream().sorted().toList());
      }
    }
    java.util.Map<String, List<String>> edges = new java.util.TreeMap<>();
    found.stream().filter(p -> !p.dependsOn().isEmpty()).forEach(p -> edges.put(NpmFixtures.id(p), p.dependsOn()));
    assertThat(expected).isNotEmpty();
    assertThat(edges).isEqualTo(expected);
  }
}
