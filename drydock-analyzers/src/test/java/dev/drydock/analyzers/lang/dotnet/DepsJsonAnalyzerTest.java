package dev.drydock.analyzers.lang.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepsJsonAnalyzerTest {

  private final DepsJsonAnalyzer analyzer = new DepsJsonAnalyzer();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DepsJsonAnalyzerTest.class.getResourceAsStream("/fixtures/dotnet/" + name)) {
      return in.readAllBytes();
    }
  }

  private List<Package> analyze(String path, byte[] content) throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofBytes(path, content, 0644));
    assertThat(facts).allSatisfy(f -> assertThat(f.path()).isEqualTo(path));
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  @Test
  void realDepsJsonMatchesPythonListingOfPackageLibraries() throws IOException {
    String path = "app/TestLibrary.deps.json";
    List<Package> all = analyze(path, resource("TestLibrary.deps.json"));
    List<Package> pkgs = all.stream().filter(p -> p.attribute("project") == null).toList();
    List<String> expected = Arrays.stream(new String(resource("TestLibrary.expected.tsv"), StandardCharsets.UTF_8)
        .split("\n")).filter(l -> !l.isBlank()).toList();

    assertThat(pkgs).extracting(p -> p.name() + "\t" + p.version()).containsExactlyElementsOf(expected).hasSize(12);
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.NUGET);
      assertThat(p.namespace()).isNull();
      assertThat(p.location()).isEqualTo(path);
      assertThat(p.attribute("sha512")).startsWith("sha512-");
    });
    // the two "project" libraries are the application itself and its project reference
    assertThat(all).filteredOn(p -> p.attribute("project") != null)
        .extracting(p -> p.name() + "@" + p.version() + " " + p.attribute("project"))
        .containsExactly("TestLibrary@1.0.0 root", "TestCommon@1.0.0 member");
    assertThat(pkgs).filteredOn(p -> p.name().equals("Newtonsoft.Json")).singleElement()
        .satisfies(p -> assertThat(p.attribute("path")).isEqualTo("newtonsoft.json/13.0.1"));
  }

  /** Edges: each runtime-target library's dependencies, as listed independently (FIXTURES.md). */
  @Test
  void edgesAreTheRuntimeTargetsDependencies() throws IOException {
    List<Package> all = analyze("app/TestLibrary.deps.json", resource("TestLibrary.deps.json"));
    List<String> expected = Arrays.stream(new String(resource("TestLibrary.expected-edges.tsv"), StandardCharsets.UTF_8)
        .split("\n")).filter(l -> !l.isBlank())
        .map(l -> l.split("\t")[0] + " -> pkg:nuget/" + l.split("\t")[1].replace('/', '@')).sorted().toList();
    List<String> edges = all.stream().flatMap(p -> p.dependsOn().stream().map(d -> p.name() + "/" + p.version()
        + " -> " + d)).sorted().toList();
    assertThat(edges).isEqualTo(expected).hasSizeGreaterThan(5);
  }

  @Test
  void referenceAndOddEntriesAreSkipped() throws IOException {
    String json = """
        {"libraries": {
          "System.Xml/4.0.0.0": {"type": "reference", "serviceable": false, "sha512": ""},
          "NoVersion": {"type": "package"},
          "Trailing/": {"type": "package"},
          "Dapper/2.1.35": {"type": "package", "serviceable": true, "sha512": ""},
          "Broken/1.0": 42
        }}""";
    List<Package> pkgs = analyze("x.deps.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(pkgs).extracting(p -> p.name() + "@" + p.version()).containsExactly("Dapper@2.1.35");
    assertThat(pkgs.get(0).attribute("sha512")).isNull();
  }

  @Test
  void malformedJsonGivesNoFacts() throws IOException {
    assertThat(analyze("a.deps.json", "{\"libraries\": {".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(analyze("a.deps.json", "{\"libraries\": []}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(analyze("a.deps.json", "[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(analyze("a.deps.json", new byte[0])).isEmpty();
  }

  @Test
  void wantsDepsJsonInImagesAndSources() {
    assertThat(analyzer.targets()).containsExactlyInAnyOrder(TargetKind.IMAGE, TargetKind.SOURCE);
    assertThat(analyzer.wants("app/MyApp.deps.json", 10_000, 0644)).isTrue();
    assertThat(analyzer.wants("app/MyApp.runtimeconfig.json", 10_000, 0644)).isFalse();
    assertThat(analyzer.wants("app/deps.json.bak", 10_000, 0644)).isFalse();
  }
}
