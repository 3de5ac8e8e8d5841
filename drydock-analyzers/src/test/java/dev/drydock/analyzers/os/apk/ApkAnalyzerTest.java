package dev.drydock.analyzers.os.apk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApkAnalyzerTest {
  private final ApkAnalyzer analyzer = new ApkAnalyzer();

  static Path fixture(String name) {
    try {
      return Path.of(ApkAnalyzerTest.class.getResource("/fixtures/apk/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Fact> analyzeFixture(String folder) throws IOException {
    return analyzer.analyze(FileInput.ofFile("lib/apk/db/installed", fixture(folder + "/installed"), 0644));
  }

  private List<Fact> analyze(String content) throws IOException {
    return analyzer.analyze(FileInput.ofBytes("lib/apk/db/installed", content.getBytes(StandardCharsets.UTF_8), 0644));
  }

  static List<Package> packages(List<Fact> facts) {
    return facts.stream().filter(f -> f instanceof Fact.PackageFound)
        .map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  static Map<String, List<String>> owned(List<Fact> facts) {
    return facts.stream().filter(f -> f instanceof Fact.OwnedFiles).map(f -> (Fact.OwnedFiles) f)
        .collect(Collectors.toMap(Fact.OwnedFiles::owner, Fact.OwnedFiles::files));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alpine-3.18", "alpine-3.10"})
  void packagesEqualTheExpectedListInFileOrder(String folder) throws IOException {
    List<String> expected = Files.readAllLines(fixture(folder + "/expected.tsv")).stream()
        .filter(l -> !l.isEmpty()).toList();
    List<Package> pkgs = packages(analyzeFixture(folder));

    assertThat(pkgs).extracting(p -> p.name() + "\t" + p.version() + "\t" + p.sourceName())
        .containsExactlyElementsOf(expected);
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.APK);
      assertThat(p.namespace()).isNull();
      assertThat(p.arch()).isEqualTo("x86_64");
      assertThat(p.location()).isEqualTo("lib/apk/db/installed");
      assertThat(p.licenses()).hasSize(1);
    });
  }

  @Test
  void licencesStayOneExpression() throws IOException {
    Map<String, Package> byName = packages(analyzeFixture("alpine-3.18")).stream()
        .collect(Collectors.toMap(Package::name, p -> p));
    assertThat(byName.get("busybox").licenses()).containsExactly("GPL-2.0-only");
    assertThat(byName.get("libc-utils").licenses()).containsExactly("BSD-2-Clause AND BSD-3-Clause");
    assertThat(byName.get("ssl_client").sourceName()).isEqualTo("busybox");
    assertThat(byName.get("ssl_client").sourceVersion()).isEqualTo("1.36.0-r9");
  }

  @Test
  void eachPackageGetsItsOwnedFiles() throws IOException {
    List<Fact> facts = analyzeFixture("alpine-3.18");
    Map<String, List<String>> owned = owned(facts);
    assertThat(owned).hasSize(15);
    assertThat(owned.get("busybox")).contains("bin/busybox", "etc/securetty", "etc/udhcpd.conf",
        "etc/busybox-paths.d/busybox", "etc/logrotate.d/acpid").doesNotContain("etc", "bin");
    assertThat(owned.get("alpine-baselayout")).contains("etc/motd");
    assertThat(owned.get("musl")).contains("lib/ld-musl-x86_64.so.1");

    // Every R: line of the file is owned by exactly one package.
    long rLines = Files.readAllLines(fixture("alpine-3.18/installed")).stream().filter(l -> l.startsWith("R:")).count();
    assertThat(owned.values().stream().mapToInt(List::size).sum()).isEqualTo((int) rLines);
    assertThat(facts).filteredOn(f -> f instanceof Fact.OwnedFiles).allMatch(f -> f.path().equals("lib/apk/db/installed"));
  }

  @Test
  void recordsWithoutNameOrVersionAreSkipped() throws IOException {
    List<Fact> facts = analyze("""
        P:noversion
        A:x86_64

        V:1.0-r0
        A:x86_64

        C:Q1abc=
        P:ok
        V:2.0-r1
        F:usr/bin
        R:ok
        junk line
        """);
    assertThat(packages(facts)).extracting(Package::name, Package::version, Package::sourceName, Package::arch)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ok", "2.0-r1", "ok", null));
    assertThat(owned(facts)).containsExactly(Map.entry("ok", List.of("usr/bin/ok")));
  }

  @Test
  void badContentGivesNoFacts() throws IOException {
    assertThat(analyzer.analyze(FileInput.ofBytes("lib/apk/db/installed", new byte[] {'P', ':', 0, 1, 2}, 0644)))
        .isEmpty();
    assertThat(analyze("")).isEmpty();
    assertThat(analyze("\n\n\nnot an apk database\n")).isEmpty();
  }

  @Test
  void wants() {
    assertThat(analyzer.name()).isEqualTo("apk");
    assertThat(analyzer.targets()).containsExactly(TargetKind.IMAGE);
    assertThat(analyzer.wants("lib/apk/db/installed", 1000, 0644)).isTrue();
    assertThat(analyzer.wants("lib/apk/db/installed.old", 1000, 0644)).isFalse();
    assertThat(analyzer.wants("usr/lib/apk/db/installed", 1000, 0644)).isTrue();
    assertThat(analyzer.wants("usr/local/lib/apk/db/installed", 1000, 0644)).isFalse();
    assertThat(analyzer.wants("lib/apk/db/scripts.tar", 1000, 0644)).isFalse();
  }
}
