package dev.drydock.analyzers.lang.ruby;

import dev.drydock.analyzers.testing.FixtureDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Package;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GemfileLockAnalyzerTest {
  private final GemfileLockAnalyzer analyzer = new GemfileLockAnalyzer();

  /**
   * rails/rails Gemfile.lock against Bundler::LockfileParser (bundler-specs.tsv: name, version, platform,
   * source kind): one package per name@version, its non-"ruby" platforms joined, GEM/GIT/PATH kept apart.
   */
  @Test
  void matchesBundlersLockfileParser() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    for (String[] row : FixtureDir.of("ruby").tsv("rails/bundler-specs.tsv")) {
      String key = row[0] + "@" + row[1];
      String platforms = expected.containsKey(key) ? expected.get(key).split(" ", 2)[1] : "";
      TreeSet<String> set = new TreeSet<>(platforms.isEmpty() ? List.of() : List.of(platforms.split(",")));
      if (!row[2].equals("ruby")) {
        set.add(row[2]);
      }
      expected.put(key, row[3] + " " + String.join(",", set));
    }

    List<Package> found = FixtureDir.of("ruby").analyze(analyzer, "src/Gemfile.lock", "rails/Gemfile.lock");
    Map<String, String> actual = new TreeMap<>();
    for (Package p : found) {
      String platform = p.attribute("platform") == null ? "" : p.attribute("platform");
      TreeSet<String> sorted = new TreeSet<>();
      for (String one : platform.isEmpty() ? List.<String>of() : List.of(platform.split(","))) {
        // Ruby 3.1's RubyGems folds the "-gnu" libc suffix into the plain platform; the lock (and drydock)
        // keep it as written
        sorted.add(one.endsWith("-linux-gnu") ? one.substring(0, one.length() - 4) : one);
      }
      actual.put(p.name() + "@" + p.version(), p.attribute("source") + " " + String.join(",", sorted));
    }
    assertThat(found).hasSize(actual.size());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).containsEntry("nokogiri@1.16.7", "gem x86_64-darwin,x86_64-linux")
        .containsEntry("httpclient@2.8.3", "git ")
        .containsEntry("rails@8.0.0.alpha", "path ");
    assertThat(found).filteredOn(p -> p.name().equals("ffi")).singleElement()
        .satisfies(p -> assertThat(p.attribute("platform")).isEqualTo("x86_64-darwin,x86_64-linux-gnu"));
    // dependency lines and DEPENDENCIES entries are not packages
    assertThat(actual).doesNotContainKey("tzinfo-data@").doesNotContainKey("wdm@");
    assertThat(found).extracting(Package::name).doesNotContain("tzinfo-data", "wdm", "bundler");
  }

  /** Each gem's dependency lines, by name, to the locked gems (listed separately, FIXTURES.md). */
  @Test
  void railsLockEdges() throws IOException {
    List<Package> found = FixtureDir.of("ruby").analyze(analyzer, "src/Gemfile.lock", "rails/Gemfile.lock");
    List<String> expected = FixtureDir.of("ruby").tsv("rails/expected-edges.tsv").stream()
        .map(r -> r[0] + "\tpkg:gem/" + r[1]).sorted().toList();
    List<String> edges = found.stream().flatMap(p -> p.dependsOn().stream().map(d -> p.name() + "@" + p.version()
        + "\t" + d)).sorted().toList();
    assertThat(edges).isEqualTo(expected).hasSize(345);
  }

  @Test
  void malformedLockGivesNoFacts() throws IOException {
    assertThat(FixtureDir.of("ruby").analyzeText(analyzer, "Gemfile.lock", "  specs:\n    (1)\n    name (\n")).isEmpty();
    assertThat(FixtureDir.of("ruby").analyzeText(analyzer, "Gemfile.lock", "{\"not\": \"a lock\"}")).isEmpty();
    assertThat(analyzer.wants("app/Gemfile.lock", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/gems.locked", 1, 0644)).isTrue();
    assertThat(analyzer.wants("app/Gemfile", 1, 0644)).isFalse();
  }
}
