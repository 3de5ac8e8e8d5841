package dev.drydock.analyzers.lang.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoBinaryAnalyzerTest {

  private static final String DIR = "/fixtures/golang/";

  @TempDir Path tmp;

  private final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

  /** One row of the expected.tsv written from `go version -m`: kind, path, version, sum. */
  record Row(String kind, String path, String version, String sum) {}

  private Path unpack(String name) throws IOException {
    Path out = tmp.resolve(name);
    try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(DIR + name + ".gz"))) {
      Files.copy(in, out);
    }
    return out;
  }

  private List<Row> expected(String name) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream(DIR + name + ".expected.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          String[] f = line.split("\t", -1);
          rows.add(new Row(f[0], f[1], f.length > 2 ? f[2] : "", f.length > 3 ? f[3] : ""));
        }
      }
    }
    return rows;
  }

  private List<Package> analyze(String name) throws IOException {
    Path file = unpack(name);
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("usr/local/bin/" + name, file, 0755));
    assertThat(facts).allSatisfy(f -> assertThat(f.path()).isEqualTo("usr/local/bin/" + name));
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  /** The modules (mod + dep rows) of expected.tsv as "path version sum" in binary order. */
  private static List<String> expectedModules(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.kind().equals("mod") || r.kind().equals("dep"))
        .map(r -> r.path() + " " + r.version() + " " + r.sum())
        .toList();
  }

  private static List<String> reportedModules(List<Package> pkgs) {
    return pkgs.stream()
        .filter(p -> !p.name().equals("stdlib"))
        .map(p -> p.name() + " " + p.version() + " " + (p.attribute("sum") == null ? "" : p.attribute("sum")))
        .toList();
  }

  private static String goVersion(List<Row> rows) {
    return rows.stream().filter(r -> r.kind().equals("go")).findFirst().orElseThrow().path();
  }

  @Test
  void go121InlineFormatReportsAllModulesFromGoVersionM() throws IOException {
    String name = "lefthook-1.4.11-linux-x64";
    List<Row> rows = expected(name);
    List<Package> pkgs = analyze(name);

    assertThat(reportedModules(pkgs)).containsExactlyElementsOf(expectedModules(rows)).hasSize(33);
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.GOLANG);
      assertThat(p.namespace()).isNull();
      assertThat(p.attribute("goVersion")).isEqualTo(goVersion(rows)).isEqualTo("go1.21.0");
    });
    Package main = pkgs.stream().filter(p -> "true".equals(p.attribute("mainModule"))).findFirst().orElseThrow();
    assertThat(main.name()).isEqualTo("github.com/evilmartians/lefthook");
    assertThat(main.version()).isEqualTo("(devel)");
    // from the go-version-m.txt build lines
    assertThat(main.attribute("vcs.revision")).isEqualTo("58e87693043567743e4fa2e82d4c10ae8401b52e");
    assertThat(main.attribute("vcs.time")).isEqualTo("2023-09-13T07:51:55Z");
    Package stdlib = pkgs.stream().filter(p -> p.name().equals("stdlib")).findFirst().orElseThrow();
    assertThat(stdlib.version()).isEqualTo("1.21.0");
    assertThat(pkgs.stream().filter(p -> p.attribute("mainModule") != null)).hasSize(1);
  }

  @Test
  void go117PointerFormatReportsAllModulesFromGoVersionM() throws IOException {
    String name = "lefthook-1.0.5-linux-x64";
    List<Row> rows = expected(name);
    List<Package> pkgs = analyze(name);

    assertThat(reportedModules(pkgs)).containsExactlyElementsOf(expectedModules(rows)).hasSize(26);
    Package stdlib = pkgs.stream().filter(p -> p.name().equals("stdlib")).findFirst().orElseThrow();
    assertThat(stdlib.attribute("goVersion")).isEqualTo(goVersion(rows)).isEqualTo("go1.17");
    assertThat(stdlib.version()).isEqualTo("1.17.0");
    Package main = pkgs.stream().filter(p -> "true".equals(p.attribute("mainModule"))).findFirst().orElseThrow();
    assertThat(main.name()).isEqualTo("github.com/evilmartians/lefthook");
    assertThat(main.attribute("vcs.revision")).isNull(); // Go 1.17 records no build settings
  }

  @Test
  void gopathModeBinaryReportsOnlyTheToolchain() throws IOException {
    String name = "fzf-0.38.0-debian12-amd64";
    List<Row> rows = expected(name);
    List<Package> pkgs = analyze(name);

    assertThat(expectedModules(rows)).isEmpty();
    assertThat(pkgs).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("stdlib");
      assertThat(p.version()).isEqualTo("1.19.8");
      assertThat(p.attribute("goVersion")).isEqualTo(goVersion(rows)).isEqualTo("go1.19.8");
    });
  }

  @Test
  void nonGoElfGivesNoFacts() throws IOException {
    // the JVM running this test is a real, non-Go ELF executable on Linux
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    byte[] head = Files.readAllBytes(java);
    assertThat(head).startsWith(0x7f, 'E', 'L', 'F');
    assertThat(analyzer.analyze(FileInput.ofFile("usr/bin/java", java, 0755))).isEmpty();
  }

  @Test
  void truncatedAndCorruptedBinariesGiveNoFactsWithoutThrowing() throws IOException {
    byte[] full = Files.readAllBytes(unpack("lefthook-1.4.11-linux-x64"));
    // cut inside the build info (magic at 6,418,432 according to the fixture notes)
    byte[] cut = java.util.Arrays.copyOf(full, 6_418_432 + 40);
    assertThat(analyzer.analyze(FileInput.ofBytes("bin/cut", cut, 0755))).isEmpty();
    // a huge varint length right after the header
    byte[] bad = full.clone();
    for (int i = 0; i < 9; i++) {
      bad[6_418_432 + 32 + i] = (byte) 0xff;
    }
    assertThat(analyzer.analyze(FileInput.ofBytes("bin/bad", bad, 0755))).isEmpty();
    // ELF header with section and program header offsets far outside the file
    byte[] head = java.util.Arrays.copyOf(full, 4096);
    for (int i = 32; i < 48; i++) {
      head[i] = (byte) 0x7f;
    }
    assertThat(analyzer.analyze(FileInput.ofBytes("bin/head", head, 0755))).isEmpty();
    // a shell script
    byte[] script = ("#!/bin/sh\n" + "echo hi\n".repeat(200)).getBytes(StandardCharsets.US_ASCII);
    assertThat(analyzer.analyze(FileInput.ofBytes("bin/script", script, 0755))).isEmpty();
  }

  @Test
  void randomCorruptionOfHeadersAndBuildInfoNeverThrows() throws IOException {
    Path file = unpack("lefthook-1.0.5-linux-x64");
    long size = Files.size(file);
    byte[] elfHeader = new byte[64];
    try (var raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
      raf.readFully(elfHeader);
    }
    long shoff = java.nio.ByteBuffer.wrap(elfHeader).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(40);
    // regions worth corrupting: ELF + program headers, build info (magic at 6,041,600), section table
    long[][] regions = {{0, 1024}, {6_041_600, 64}, {shoff, size - shoff}};
    java.util.Random random = new java.util.Random(42);
    int withFacts = 0;
    for (int round = 0; round < 300; round++) {
      long[] region = regions[round % regions.length];
      long at = region[0] + (long) (random.nextDouble() * region[1]);
      byte[] original = new byte[8];
      try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(at);
        raf.readFully(original);
        byte[] junk = new byte[8];
        random.nextBytes(junk);
        raf.seek(at);
        raf.write(junk);
      }
      List<Fact> facts = analyzer.analyze(FileInput.ofFile("bin/x", file, 0755));
      withFacts += facts.isEmpty() ? 0 : 1;
      try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(at);
        raf.write(original);
      }
    }
    assertThat(withFacts).isBetween(1, 300);
    // the restored file reads fully again: 25 deps + main module + stdlib
    assertThat(analyzer.analyze(FileInput.ofFile("bin/x", file, 0755))).hasSize(27);
  }

  @Test
  void wantsExecutablesAndBinDirectoriesOnly() {
    assertThat(analyzer.wants("usr/local/bin/app", 5_000_000, 0755)).isTrue();
    assertThat(analyzer.wants("app/server", 5_000_000, 0100)).isTrue();
    assertThat(analyzer.wants("usr/bin/app", 5_000_000, 0)).isTrue();
    assertThat(analyzer.wants("bin/app", 5_000_000, 0)).isTrue();
    assertThat(analyzer.wants("usr/share/doc/readme", 5_000_000, 0644)).isFalse();
    assertThat(analyzer.wants("usr/share/doc/readme", 5_000_000, 0)).isFalse();
    assertThat(analyzer.wants("usr/bin/tiny", 100, 0755)).isFalse();
    assertThat(analyzer.wants("usr/bin/huge", analyzer.maxFileSize() + 1, 0755)).isFalse();
  }

  @Test
  void replacementsAndBuildSettingsInModuleText() {
    String text = String.join("\n",
        "path\texample.com/app/cmd/app",
        "mod\texample.com/app\tv1.2.3\th1:main=",
        "dep\tgolang.org/x/net\tv0.1.0",
        "=>\tgithub.com/fork/net\tv0.1.1\th1:fork=",
        "dep\texample.com/local\tv0.0.0",
        "=>\t../local\t",
        "dep\tgithub.com/pkg/errors\tv0.9.1\th1:errs=",
        "build\t-ldflags=\"-s -w -X main.v=1\"",
        "build\tvcs.revision=abc123",
        "");
    String framed = "0123456789abcdef" + text + "fedcba9876543210";
    ModInfo mod = ModInfo.parse(framed);
    assertThat(mod.path()).isEqualTo("example.com/app/cmd/app");
    assertThat(mod.settings()).containsEntry("-ldflags", "-s -w -X main.v=1").containsEntry("vcs.revision", "abc123");

    List<Package> pkgs = GoBinaryAnalyzer.facts("app", "go1.22.1", mod).stream()
        .map(f -> ((Fact.PackageFound) f).pkg()).toList();
    assertThat(pkgs).extracting(p -> p.name() + "@" + p.version()).containsExactly(
        "stdlib@1.22.1", "example.com/app@v1.2.3", "github.com/fork/net@v0.1.1",
        "example.com/local@v0.0.0", "github.com/pkg/errors@v0.9.1");
    assertThat(pkgs.get(1).attribute("vcs.revision")).isEqualTo("abc123");
    assertThat(pkgs.get(2).attribute("replaces")).isEqualTo("golang.org/x/net v0.1.0");
    assertThat(pkgs.get(2).attribute("sum")).isEqualTo("h1:fork=");
    assertThat(pkgs.get(3).attribute("replacedBy")).isEqualTo("../local");
    assertThat(pkgs.get(4).attribute("replaces")).isNull();
  }

  /**
   * GoReleaser builds set the version with {@code -ldflags -X main.version=...} (glow: main.Version); the
   * build info keeps those flags, so the main module's version is taken from them instead of "(devel)".
   */
  @Test
  void mainModuleVersionFromLdflags() throws IOException {
    String printed;
    try (InputStream in = getClass().getResourceAsStream(DIR + "ldflags-glow.go-version-m.txt")) {
      printed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // go version -m prints the module text indented by a tab after a "file: goVersion" line
    StringBuilder text = new StringBuilder();
    for (String line : printed.split("\n")) {
      if (line.startsWith("\t")) {
        text.append(line.substring(1)).append('\n');
      }
    }
    ModInfo mod = ModInfo.parse("0123456789abcdef" + text + "fedcba9876543210");
    List<Package> pkgs = GoBinaryAnalyzer.facts("usr/bin/glow", "go1.21.5", mod).stream()
        .map(f -> ((Fact.PackageFound) f).pkg()).toList();
    assertThat(pkgs).extracting(p -> p.name() + "@" + p.version()).containsExactly(
        "stdlib@1.21.5", "github.com/charmbracelet/glow@v1.5.1", "github.com/charmbracelet/glamour@v0.6.0",
        "github.com/spf13/cobra@v1.7.0");
    assertThat(pkgs.get(1).attribute("versionFrom")).isEqualTo("-ldflags -X main.Version=1.5.1");

    // goreleaser's default variable; a -X of some other variable (lefthook sets version.commit) is no version
    assertThat(GoBinaryAnalyzer.ldflagsVersion("-s -w -X main.version=0.38.0 -X main.commit=abc", "x.io/a"))
        .containsExactly("v0.38.0", "-X main.version=0.38.0");
    assertThat(GoBinaryAnalyzer.ldflagsVersion("-X=main.version=v2.1.0-rc.1", "x.io/a"))
        .containsExactly("v2.1.0-rc.1", "-X=main.version=v2.1.0-rc.1");
    assertThat(GoBinaryAnalyzer.ldflagsVersion(
        "-s -w -X github.com/evilmartians/lefthook/internal/version.commit=58e87693", "github.com/evilmartians/lefthook"))
        .isNull();
    assertThat(GoBinaryAnalyzer.ldflagsVersion("-X main.version=dev -X main.commit=none", "x.io/a")).isNull();
    assertThat(GoBinaryAnalyzer.ldflagsVersion("-X 'x.io/a/internal/version.Version=1.2.3'", "x.io/a"))
        .containsExactly("v1.2.3", "-X x.io/a/internal/version.Version=1.2.3");
  }

  @Test
  void goVersionNormalisation() {
    assertThat(GoBinaryAnalyzer.normaliseGoVersion("go1.21.0")).isEqualTo("1.21.0");
    assertThat(GoBinaryAnalyzer.normaliseGoVersion("go1.17")).isEqualTo("1.17.0");
    assertThat(GoBinaryAnalyzer.normaliseGoVersion("go1.21rc2")).isEqualTo("1.21.0-rc2");
    assertThat(GoBinaryAnalyzer.normaliseGoVersion("go1.22.0 X:boringcrypto")).isEqualTo("1.22.0");
    assertThat(GoBinaryAnalyzer.normaliseGoVersion("devel go1.23-abcdef")).isNull();
  }
}
