package dev.drydock.analyzers.lang.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.testing.FixtureDir;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GoModAnalyzerTest {
  private final GoModAnalyzer analyzer = new GoModAnalyzer();

  private static Set<String> ids(List<Package> packages) {
    return packages.stream().filter(p -> p.attribute("project") == null).map(p -> p.name() + "@" + p.version())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Package project(List<Package> packages) {
    List<Package> roots = packages.stream().filter(p -> p.attribute("project") != null).toList();
    assertThat(roots).hasSize(1);
    return roots.get(0);
  }

  /** cobra 1.8 is a go 1.15 module: go.mod names its 4 direct requirements, go.sum the rest of the build list. */
  @Test
  void goModAndGoSumOfAPreGo117ModuleGiveTheBuildList() throws IOException {
    assertThat(analyzer.wants("src/cobra/go.mod", 1, 0644)).isTrue();
    assertThat(analyzer.wants("src/cobra/go.sum", 1, 0644)).isTrue();
    assertThat(analyzer.wants("src/vendor/x/go.mod", 1, 0644)).isFalse();
    List<Package> mod = FixtureDir.of("golang").analyze(analyzer, "src/cobra/go.mod", "gomod/cobra-1.8/go.mod");
    List<Package> sum = FixtureDir.of("golang").analyze(analyzer, "src/cobra/go.sum", "gomod/cobra-1.8/go.sum");

    assertThat(ids(mod)).containsExactly("github.com/cpuguy83/go-md2man/v2@v2.0.3",
        "github.com/inconshreveable/mousetrap@v1.1.0", "github.com/spf13/pflag@v1.0.5", "gopkg.in/yaml.v3@v3.0.1");
    List<Package> both = new ArrayList<>(mod);
    both.addAll(sum);
    assertThat(ids(both)).containsExactly("github.com/cpuguy83/go-md2man/v2@v2.0.3",
        "github.com/inconshreveable/mousetrap@v1.1.0", "github.com/russross/blackfriday/v2@v2.1.0",
        "github.com/spf13/pflag@v1.0.5", "gopkg.in/check.v1@v0.0.0-20161208181325-20d25e280405",
        "gopkg.in/yaml.v3@v3.0.1");
    assertThat(sum).hasSize(6).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.GOLANG);
      assertThat(p.attribute("sum")).startsWith("h1:");
    });
    assertThat(mod).allSatisfy(p -> assertThat(p.attribute("goDirective")).isEqualTo("1.15"));
    // the main module is the project, with an edge to each of its four direct requirements
    Package cobra = project(mod);
    assertThat(cobra.name()).isEqualTo("github.com/spf13/cobra");
    assertThat(cobra.version()).isNull();
    assertThat(cobra.attribute("project")).isEqualTo("root");
    assertThat(cobra.dependsOn()).containsExactly("pkg:golang/github.com/cpuguy83/go-md2man/v2@v2.0.3",
        "pkg:golang/github.com/inconshreveable/mousetrap@v1.1.0", "pkg:golang/github.com/spf13/pflag@v1.0.5",
        "pkg:golang/gopkg.in/yaml.v3@v3.0.1");
    assertThat(sum).noneMatch(p -> p.attribute("project") != null);
  }

  @Test
  void requireBlocksIndirectReplaceAndExclude() throws IOException {
    List<Package> found = FixtureDir.of("golang").analyze(analyzer, "go.mod", "gomod/service/go.mod");
    assertThat(ids(found)).containsExactly(
        "github.com/example/orders-service/internal/billing@v0.0.0-00010101000000-000000000000",
        "github.com/go-chi/chi/v5@v5.0.11", "github.com/inconshreveable/mousetrap@v1.1.0",
        "github.com/jackc/pgpassfile@v1.0.0", "github.com/jackc/pgservicefile@v0.0.0-20231201235250-de7065d80cb9",
        "github.com/jackc/pgx/v5@v5.5.2", "github.com/spf13/cobra@v1.8.0", "github.com/spf13/pflag@v1.0.5",
        "golang.org/x/crypto@v0.18.0", "golang.org/x/text@v0.14.0");
    assertThat(found).hasSize(11);
    // direct requirements only: an // indirect one is a dependency's; replacements as reported
    assertThat(project(found).name()).isEqualTo("github.com/example/orders-service");
    assertThat(project(found).dependsOn()).containsExactly(
        "pkg:golang/github.com/example/orders-service/internal/billing@v0.0.0-00010101000000-000000000000",
        "pkg:golang/github.com/go-chi/chi/v5@v5.0.11", "pkg:golang/github.com/jackc/pgx/v5@v5.5.2",
        "pkg:golang/github.com/spf13/cobra@v1.8.0", "pkg:golang/golang.org/x/crypto@v0.18.0");
    assertThat(found).filteredOn(p -> "true".equals(p.attribute("indirect"))).extracting(Package::name)
        .containsExactlyInAnyOrder("github.com/inconshreveable/mousetrap", "github.com/jackc/pgpassfile",
            "github.com/jackc/pgservicefile", "github.com/spf13/pflag", "golang.org/x/text");
    Package crypto = found.stream().filter(p -> p.name().equals("golang.org/x/crypto")).findFirst().orElseThrow();
    assertThat(crypto.attribute("replaces")).isEqualTo("golang.org/x/crypto v0.17.0");
    Package billing = found.stream().filter(p -> p.name().endsWith("/billing")).findFirst().orElseThrow();
    assertThat(billing.attribute("replacedBy")).isEqualTo("./internal/billing");
    assertThat(found).noneMatch(p -> p.attribute("dev") != null);
  }

  @Test
  void brokenFilesGiveWhatCanBeRead() throws IOException {
    assertThat(FixtureDir.of("golang").analyzeText(analyzer, "go.mod", "module x\nrequire (\n\tbad\n"))
        .extracting(p -> p.name() + " " + p.attribute("project") + " " + p.dependsOn()).containsExactly("x root []");
    assertThat(FixtureDir.of("golang").analyzeText(analyzer, "go.sum", "garbage line\n")).isEmpty();
  }
}
