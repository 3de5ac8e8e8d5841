package dev.drydock.analyzers.os.dpkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.analyzers.os.release.OsResolver;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.OsInfo;
import dev.drydock.model.Package;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DpkgAnalyzerTest {
  private final DpkgAnalyzer analyzer = new DpkgAnalyzer();

  static Path fixture(String name) {
    try {
      return Path.of(DpkgAnalyzerTest.class.getResource("/fixtures/dpkg/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Package> packages(List<Fact> facts) {
    return facts.stream().filter(f -> f instanceof Fact.PackageFound)
        .map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  /** name, version, source name, source version, arch: the columns of the dpkg-query lists. */
  static String row(Package p) {
    return String.join("\t", p.name(), p.version(), p.sourceName(), p.sourceVersion(), p.arch());
  }

  static List<String> tsv(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
  }

  private List<Fact> analyze(String path, String content) throws IOException {
    return analyzer.analyze(FileInput.ofBytes(path, content.getBytes(StandardCharsets.UTF_8), 0644));
  }

  @Test
  void debian12StatusEqualsDpkgQuery() throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("var/lib/dpkg/status", fixture("debian12-status"), 0644));
    List<String> expected = tsv(fixture("debian12-expected.tsv"));

    List<String> actual = packages(facts).stream().map(DpkgAnalyzerTest::row).sorted().toList();
    assertThat(actual).hasSize(707).containsExactlyElementsOf(expected.stream().sorted().toList());
    assertThat(facts).allMatch(f -> f instanceof Fact.PackageFound); // no OS guess from a full status file
    assertThat(packages(facts)).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.DEB);
      assertThat(p.namespace()).isNull();
      assertThat(p.location()).isEqualTo("var/lib/dpkg/status");
      assertThat(p.licenses()).isEmpty();
    });
  }

  @Test
  void debian12StatusSkipsUnpackedAndTriggersPending() throws IOException {
    String text = Files.readString(fixture("debian12-status"));
    List<String> notInstalled = new ArrayList<>();
    for (String stanza : text.split("\n\n")) {
      if (stanza.contains("\nStatus: install ok unpacked") || stanza.contains("\nStatus: install ok triggers-pending")) {
        notInstalled.add(stanza.substring("Package: ".length(), stanza.indexOf('\n')));
      }
    }
    assertThat(notInstalled).hasSize(14);
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("var/lib/dpkg/status", fixture("debian12-status"), 0644));
    assertThat(packages(facts)).extracting(Package::name).doesNotContainAnyElementsOf(notInstalled);
  }

  @ParameterizedTest
  @ValueSource(strings = {"generated-bookworm-amd64", "syft-bullseye-arm64", "syft-stretch-amd64"})
  void distrolessStatusDEqualsDpkgQueryAndTheSharedList(String folder) throws IOException {
    Path dir = fixture("distroless/" + folder + "/var/lib/dpkg/status.d");
    List<String> fromDrydock = new ArrayList<>();
    List<String> withFileName = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".md5sums")) {
          continue;
        }
        List<Package> pkgs = packages(analyzer.analyze(
            FileInput.ofFile("var/lib/dpkg/status.d/" + name, f, 0644)));
        assertThat(pkgs).as(name).hasSize(1);
        Package p = pkgs.get(0);
        assertThat(p.location()).isEqualTo("var/lib/dpkg/status.d/" + name);
        fromDrydock.add(row(p));
        withFileName.add(String.join("\t", name, p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion()));
      }
    }
    Path base = fixture("distroless/" + folder);
    assertThat(fromDrydock).containsExactlyInAnyOrderElementsOf(tsv(base.resolve("dpkg-query.tsv")));
    assertThat(withFileName).containsExactlyInAnyOrderElementsOf(tsv(base.resolve("expected.tsv")));
  }

  @Test
  void distrolessBaseFilesTellsTheDebianRelease() throws IOException {
    String path = "var/lib/dpkg/status.d/base-files";
    List<Fact> facts = analyzer.analyze(FileInput.ofFile(path,
        fixture("distroless/generated-bookworm-amd64/var/lib/dpkg/status.d/base-files"), 0644));
    assertThat(packages(facts)).extracting(Package::version).containsExactly("12.4+deb12u15");
    assertThat(facts).filteredOn(f -> f instanceof Fact.OsDetected)
        .containsExactly(new Fact.OsDetected(path, new OsInfo("debian", "12", "bookworm", null, path), 5));
  }

  @Test
  void distrolessImageWithoutOsReleaseResolvesToDebian12() throws IOException {
    Path dir = fixture("distroless/generated-bookworm-amd64/var/lib/dpkg/status.d");
    List<Fact.OsDetected> os = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (Fact fact : analyzer.analyze(FileInput.ofFile("var/lib/dpkg/status.d/" + f.getFileName(), f, 0644))) {
          if (fact instanceof Fact.OsDetected d) {
            os.add(d);
          }
        }
      }
    }
    assertThat(OsResolver.resolve(os)).contains(
        new OsInfo("debian", "12", "bookworm", null, "var/lib/dpkg/status.d/base-files"));
  }

  @Test
  void otherDistrolessStanzasTellNoOs() throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("var/lib/dpkg/status.d/libc6",
        fixture("distroless/generated-bookworm-amd64/var/lib/dpkg/status.d/libc6"), 0644));
    assertThat(facts).hasSize(1).allMatch(f -> f instanceof Fact.PackageFound);
  }

  @Test
  void ubuntuBaseFilesIsNotTakenForDebian() throws IOException {
    List<Fact> facts = analyze("var/lib/dpkg/status.d/base-files",
        "Package: base-files\nVersion: 12ubuntu4.4\nArchitecture: amd64\n");
    assertThat(facts).hasSize(1).allMatch(f -> f instanceof Fact.PackageFound);
  }

  @Test
  void distrolessMd5sumsGiveOwnedFiles() throws IOException {
    Path md5 = fixture("distroless/generated-bookworm-amd64/var/lib/dpkg/status.d/libssl3.md5sums");
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(md5)) {
      expected.add(line.substring(line.indexOf("  ") + 2)); // md5sum(1) output: "<hash>  <path>"
    }
    List<Fact> facts = analyzer.analyze(FileInput.ofFile("var/lib/dpkg/status.d/libssl3.md5sums", md5, 0644));
    assertThat(facts).containsExactly(
        new Fact.OwnedFiles("var/lib/dpkg/status.d/libssl3.md5sums", "libssl3", expected));
    assertThat(expected).contains("usr/lib/x86_64-linux-gnu/libssl.so.3");
  }

  @Test
  void infoListGivesOwnedFilesWithoutLeadingSlash() throws IOException {
    for (String name : List.of("adduser.list", "binutils-common:amd64.list")) {
      List<String> lines = Files.readAllLines(fixture(name));
      assertThat(lines.get(0)).isEqualTo("/.");
      List<String> expected = lines.subList(1, lines.size()).stream().map(l -> l.substring(1)).toList();

      List<Fact> facts = analyzer.analyze(FileInput.ofFile("var/lib/dpkg/info/" + name, fixture(name), 0644));
      String owner = name.substring(0, name.indexOf(name.contains(":") ? ':' : '.'));
      assertThat(facts).containsExactly(new Fact.OwnedFiles("var/lib/dpkg/info/" + name, owner, expected));
    }
    assertThat(((Fact.OwnedFiles) analyzer.analyze(FileInput.ofFile("var/lib/dpkg/info/adduser.list",
        fixture("adduser.list"), 0644)).get(0)).files()).contains("usr/sbin/adduser", "etc");
  }

  @Test
  void stanzaRulesStatusSourceAndContinuationLines() throws IOException {
    String status = """
        Package: held
        Status: hold ok installed
        Priority: optional
        Version: 1:2.0-1
        Source: heldsrc (2.0-0.1)
        Architecture: amd64
        Maintainer: Someone <someone@example.org>
        Conffiles:
         /etc/held.conf 0123456789abcdef0123456789abcdef
         /etc/Package: not-a-field 0123456789abcdef0123456789abcdef
        Description: continuation lines
         Version: 9.9 is not a field either
         .
         end

        Package: removed
        Status: deinstall ok config-files
        Version: 1.0
        Architecture: all

        Package: no-version
        Status: install ok installed
        Architecture: all

        Status: install ok installed
        Version: 3.0

        package: lowercase-fields
        status: install ok installed
        version: 4.0-2
        source: plainsrc
        architecture: arm64
        """;
    List<Package> pkgs = packages(analyze("var/lib/dpkg/status", status));
    assertThat(pkgs).extracting(DpkgAnalyzerTest::row).containsExactly(
        "held\t1:2.0-1\theldsrc\t2.0-0.1\tamd64",
        "lowercase-fields\t4.0-2\tplainsrc\t4.0-2\tarm64");
    assertThat(pkgs.get(0).attribute("maintainer")).isEqualTo("Someone <someone@example.org>");
  }

  @Test
  void crlfAndMissingFinalNewline() throws IOException {
    List<Package> pkgs = packages(analyze("var/lib/dpkg/status",
        "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\r\nStatus: install ok installed\r\nVersion: 2"));
    assertThat(pkgs).extracting(Package::name, Package::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "2"));
  }

  @Test
  void badContentGivesNoFacts() throws IOException {
    assertThat(analyzer.analyze(FileInput.ofBytes("var/lib/dpkg/status",
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, 0644))).isEmpty();
    assertThat(analyze("var/lib/dpkg/status", "")).isEmpty();
    assertThat(analyze("var/lib/dpkg/status", "just some text\nwithout fields\n")).isEmpty();
    assertThat(analyze("var/lib/dpkg/status.d/x", "Description: no package\n")).isEmpty();
  }

  @Test
  void wants() {
    assertThat(analyzer.name()).isEqualTo("dpkg");
    assertThat(analyzer.targets()).containsExactly(TargetKind.IMAGE);
    for (String p : List.of("var/lib/dpkg/status", "var/lib/dpkg/status.d/libc6", "var/lib/dpkg/status.d/libbz2-1.0",
        "var/lib/dpkg/status.d/libc6.md5sums", "var/lib/dpkg/info/adduser.list",
        "var/lib/dpkg/info/libc6:amd64.list")) {
      assertThat(analyzer.wants(p, 1000, 0644)).as(p).isTrue();
    }
    for (String p : List.of("var/lib/dpkg/status-old", "var/lib/dpkg/available", "var/lib/dpkg/status.d/",
        "var/lib/dpkg/status.d/sub/x", "var/lib/dpkg/info/adduser.md5sums", "var/lib/dpkg/info/adduser.postinst",
        "var/lib/dpkg/info/.list", "usr/var/lib/dpkg/status", "var/lib/dpkg/status.d/.wh.libc6")) {
      assertThat(analyzer.wants(p, 1000, 0644)).as(p).isFalse();
    }
  }
}
