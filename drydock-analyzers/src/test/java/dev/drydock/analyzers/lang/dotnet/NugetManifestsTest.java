package dev.drydock.analyzers.lang.dotnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.testing.FixtureDir;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Package;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deps.json project/runtimepack entries, packages.lock.json, project files, central versions, packages.config. */
class NugetManifestsTest {

  private static Set<String> ids(List<Package> packages) {
    return packages.stream().map(p -> p.name() + "@" + p.version() + (p.attribute("dev") == null ? "" : " dev"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Package named(List<Package> packages, String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void depsJsonReportsProjectsAndTheBundledRuntime() throws IOException {
    List<Package> found = FixtureDir.of("dotnet").analyze(new DepsJsonAnalyzer(), "app/OrdersApi.deps.json",
        "orders/OrdersApi.deps.json");
    assertThat(ids(found)).containsExactly("Microsoft.AspNetCore.App.Runtime.linux-x64@8.0.1",
        "Microsoft.NETCore.App.Runtime.linux-x64@8.0.1", "OrdersApi.Domain@1.4.2", "OrdersApi@1.4.2",
        "Serilog@3.1.1");
    assertThat(found).hasSize(5).allSatisfy(p -> assertThat(p.ecosystem()).isEqualTo(Ecosystem.NUGET));
    assertThat(named(found, "OrdersApi").attribute("project")).isEqualTo("root");
    assertThat(named(found, "OrdersApi.Domain").attribute("project")).isEqualTo("member");
    assertThat(named(found, "Microsoft.NETCore.App.Runtime.linux-x64").attribute("runtimepack")).isEqualTo("true");
    assertThat(named(found, "Serilog").attribute("project")).isNull();
  }

  @Test
  void packagesLockJsonEveryResolvedPackageOnce() throws IOException {
    NugetLockAnalyzer analyzer = new NugetLockAnalyzer();
    assertThat(analyzer.wants("src/OrdersApi/packages.lock.json", 1, 0644)).isTrue();
    assertThat(analyzer.wants("src/OrdersApi/obj/project.assets.json", 1, 0644)).isFalse();
    List<Package> found = FixtureDir.of("dotnet").analyze(analyzer, "src/OrdersApi/packages.lock.json",
        "orders/packages.lock.json");
    assertThat(ids(found)).containsExactly("Microsoft.SourceLink.GitHub@8.0.0", "Serilog.AspNetCore@8.0.0",
        "Serilog.Extensions.Hosting@8.0.0", "Serilog@3.1.1", "System.Text.Json@8.0.4");
    assertThat(found).hasSize(5);
    assertThat(named(found, "Serilog.AspNetCore").attribute("direct")).isEqualTo("true");
    assertThat(named(found, "Serilog").attribute("direct")).isNull();
    // edges: each entry's dependencies, by name, to the entry resolved in the same framework
    assertThat(found).filteredOn(p -> !p.dependsOn().isEmpty())
        .extracting(p -> p.name() + " -> " + p.dependsOn())
        .containsExactlyInAnyOrder("Serilog.AspNetCore -> [pkg:nuget/Serilog.Extensions.Hosting@8.0.0, pkg:nuget/Serilog@3.1.1]",
            "Serilog.Extensions.Hosting -> [pkg:nuget/Serilog@3.1.1]");
  }

  @Test
  void projectFilePackageReferences() throws IOException {
    NugetProjectAnalyzer analyzer = new NugetProjectAnalyzer();
    for (String f : List.of("a/App.csproj", "a/App.fsproj", "a/App.vbproj", "Directory.Packages.props",
        "a/packages.config")) {
      assertThat(analyzer.wants(f, 1, 0644)).as(f).isTrue();
    }
    assertThat(analyzer.wants("a/App.csproj.user", 1, 0644)).isFalse();
    List<Package> found = FixtureDir.of("dotnet").analyze(analyzer, "src/OrdersApi/OrdersApi.csproj",
        "orders/OrdersApi.csproj");
    assertThat(ids(found)).containsExactly("Microsoft.SourceLink.GitHub@8.0.0 dev", "Npgsql@8.0.1",
        "Serilog.AspNetCore@8.0.0", "StyleCop.Analyzers@1.2.0-beta.556 dev", "Swashbuckle.AspNetCore@6.5.0",
        "System.Text.Json@null");
    // the version comes from central package management, in another file: unknown here, never guessed
    assertThat(named(found, "System.Text.Json").attribute("versionUnresolved")).isEqualTo("no Version (central package management)");
    assertThat(named(found, "Npgsql").attribute("versionFrom")).isEqualTo("$(NpgsqlVersion)");
  }

  @Test
  void unresolvablePropertyAndRangeVersionsAreReportedUnknown() throws IOException {
    List<Package> found = FixtureDir.of("dotnet").analyzeText(new NugetProjectAnalyzer(), "Lib.csproj", """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Dapper" Version="$(DapperVersion)" />
            <PackageReference Include="Polly" Version="[7.0,8.0)" />
            <PackageReference Include="Exact" Version="[2.1.0]" />
          </ItemGroup>
        </Project>
        """);
    Map<String, String> unresolved = found.stream().filter(p -> p.version() == null)
        .collect(Collectors.toMap(Package::name, p -> Objects.toString(p.attribute("versionUnresolved"))));
    assertThat(unresolved).containsExactlyInAnyOrderEntriesOf(Map.of("Dapper", "$(DapperVersion)", "Polly", "[7.0,8.0)"));
    assertThat(named(found, "Exact").version()).isEqualTo("2.1.0");
  }

  @Test
  void centralPackageVersions() throws IOException {
    List<Package> found = FixtureDir.of("dotnet").analyze(new NugetProjectAnalyzer(), "Directory.Packages.props",
        "orders/Directory.Packages.props");
    assertThat(ids(found)).containsExactly("Nerdbank.GitVersioning@3.6.133 dev", "Polly@8.2.1",
        "System.Text.Json@8.0.4", "xunit@2.6.6");
    assertThat(named(found, "xunit").attribute("central")).isEqualTo("true");
  }

  @Test
  void packagesConfig() throws IOException {
    List<Package> found = FixtureDir.of("dotnet").analyze(new NugetProjectAnalyzer(), "web/packages.config",
        "orders/packages.config");
    assertThat(ids(found)).containsExactly("Microsoft.Net.Compilers@2.10.0 dev", "NLog@4.3.10", "jQuery@3.1.1");
  }

  @Test
  void xmlWithDoctypeOrBrokenGivesNoFacts() throws IOException {
    NugetProjectAnalyzer analyzer = new NugetProjectAnalyzer();
    assertThat(FixtureDir.of("dotnet").analyzeText(analyzer, "packages.config",
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<packages><package id=\"&x;\" version=\"1.0\"/></packages>")).isEmpty();
    assertThat(FixtureDir.of("dotnet").analyzeText(analyzer, "a.csproj", "<Project><ItemGroup>")).isEmpty();
  }
}
