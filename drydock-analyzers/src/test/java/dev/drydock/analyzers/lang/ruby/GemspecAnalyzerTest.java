package dev.drydock.analyzers.lang.ruby;

import dev.drydock.analyzers.testing.FixtureDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GemspecAnalyzerTest {
  private final GemspecAnalyzer analyzer = new GemspecAnalyzer();

  /** gemspec-load.tsv: Ruby 3.1's Gem::Specification.load on each copied file (see FIXTURES.md). */
  @Test
  void matchesWhatRubyGemsLoads() throws IOException {
    List<String[]> rows = FixtureDir.of("ruby").tsv("gemspec-load.tsv");
    assertThat(rows).hasSize(13);
    for (String[] row : rows) {
      String imagePath = "usr/lib/ruby/" + row[0];
      assertThat(analyzer.wants(imagePath, 100, 0644)).as(imagePath).isTrue();
      List<Package> found = FixtureDir.of("ruby").analyze(analyzer, imagePath, row[0]);
      assertThat(found).as(imagePath).hasSize(1);
      Package p = found.get(0);
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.GEM);
      assertThat(p.name()).isEqualTo(row[1]);
      assertThat(p.version()).isEqualTo(row[2]);
      assertThat(p.licenses()).as(imagePath).isEqualTo(Arrays.asList(row[3].split("\\|")));
      assertThat(p.location()).isEqualTo(imagePath);
    }
  }

  @Test
  void gemVersionNewAndSingleLicenseForms() throws IOException {
    String spec = """
        Gem::Specification.new do |spec|
          spec.name    = 'json'
          spec.version = Gem::Version.new('2.7.1')
          spec.license = 'Ruby'
          spec.required_rubygems_version = Gem::Requirement.new(">= 0")
        end
        """;
    Package p = FixtureDir.of("ruby").analyzeText(analyzer, "specifications/json-2.7.1.gemspec", spec).get(0);
    assertThat(p.name()).isEqualTo("json");
    assertThat(p.version()).isEqualTo("2.7.1");
    assertThat(p.licenses()).containsExactly("Ruby");
  }

  @Test
  void wantsOnlyInstalledSpecifications() {
    assertThat(analyzer.wants("usr/local/bundle/specifications/rack-3.0.8.gemspec", 1, 0644)).isTrue();
    assertThat(analyzer.wants("usr/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec", 1, 0644))
        .isTrue();
    assertThat(analyzer.wants("app/mygem.gemspec", 1, 0644)).isFalse();
    assertThat(analyzer.wants("usr/local/bundle/gems/rack-3.0.8/rack.gemspec", 1, 0644)).isFalse();
    assertThat(analyzer.wants("usr/local/bundle/specifications/rack-3.0.8.gemspec.bak", 1, 0644)).isFalse();
  }

  @Test
  void specWithoutNameOrVersionGivesNoFacts() throws IOException {
    assertThat(FixtureDir.of("ruby").analyzeText(analyzer, "specifications/x.gemspec",
        "Gem::Specification.new do |s|\n  s.name = \"x\"\nend\n")).isEmpty();
    assertThat(FixtureDir.of("ruby").analyzeText(analyzer, "specifications/x.gemspec", "\u0000\u00ff garbage")).isEmpty();
  }
}
