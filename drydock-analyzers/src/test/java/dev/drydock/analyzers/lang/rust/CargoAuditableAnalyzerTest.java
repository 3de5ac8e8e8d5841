package dev.drydock.analyzers.lang.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.analyzers.lang.binary.BoundedReader;
import dev.drydock.analyzers.lang.binary.Executable;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CargoAuditableAnalyzerTest {

  private final CargoAuditableAnalyzer analyzer = new CargoAuditableAnalyzer();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CargoAuditableAnalyzerTest.class.getResourceAsStream("/fixtures/rust/" + name)) {
      return in.readAllBytes();
    }
  }

  private List<Package> analyze(String path, byte[] content) throws IOException {
    List<Fact> facts = analyzer.analyze(FileInput.ofBytes(path, content, 0755));
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  @Test
  void auditableBinaryMatchesPythonDecodingOfTheSection() throws IOException {
    List<Package> pkgs = analyze("usr/local/bin/audhello", resource("audhello-auditable"));
    // columns: name, version, source, kind (default runtime), root (default false)
    List<String> expected = Arrays.stream(new String(resource("audhello-auditable.expected.tsv"), StandardCharsets.UTF_8)
        .split("\n")).filter(l -> !l.isBlank()).toList();
    assertThat(pkgs).extracting(p -> String.join("\t", p.name(), p.version(), p.attribute("source"),
            p.attribute("kind") == null ? "runtime" : p.attribute("kind"),
            p.attribute("root") == null ? "false" : p.attribute("root")))
        .containsExactlyElementsOf(expected)
        .hasSize(6);
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.CARGO);
      assertThat(p.location()).isEqualTo("usr/local/bin/audhello");
    });
  }

  @Test
  void plainRustBinaryWithoutSectionGivesNoFacts() throws IOException {
    // the same fixture with its .dep-v0 section name changed: a binary not built with cargo-auditable
    byte[] bin = resource("audhello-auditable");
    int at = indexOf(bin, ".dep-v0\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(at).isPositive();
    bin[at + 1] = 'x';
    assertThat(analyze("usr/bin/audhello", bin)).isEmpty();
  }

  @Test
  void corruptSectionOrHeadersGiveNoFacts() throws IOException {
    byte[] bin = resource("audhello-auditable");
    // section header table offset (e_shoff, bytes 40..47) far beyond the file
    byte[] badShoff = bin.clone();
    Arrays.fill(badShoff, 40, 48, (byte) 0x7f);
    assertThat(analyze("bin/a", badShoff)).isEmpty();
    // truncated file: the section header table at the end is missing
    assertThat(analyze("bin/b", Arrays.copyOf(bin, bin.length / 2))).isEmpty();
    // the section content is not zlib
    byte[] compressed = resource("audhello-auditable");
    byte[] json = CargoAuditableAnalyzer.inflate(sectionBytes(compressed));
    assertThat(json).isNotNull();
    assertThat(CargoAuditableAnalyzer.inflate("not zlib at all".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(CargoAuditableAnalyzer.facts("x", "{\"packages\": 3}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(CargoAuditableAnalyzer.facts("x", "{\"packages\": [".getBytes(StandardCharsets.UTF_8))).isNull();
    // not an ELF at all
    assertThat(analyze("bin/script", ("#!/bin/sh\n" + "true\n".repeat(300)).getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
  }

  @Test
  void zlibBombIsCapped() {
    byte[] zeros = new byte[40 * 1024 * 1024];
    Deflater d = new Deflater(9);
    d.setInput(zeros);
    d.finish();
    byte[] buf = new byte[1024 * 1024];
    int n = d.deflate(buf);
    d.end();
    assertThat(CargoAuditableAnalyzer.inflate(Arrays.copyOf(buf, n))).isNull();
  }

  @Test
  void wantsExecutables() {
    assertThat(analyzer.wants("usr/local/bin/tool", 400_000, 0755)).isTrue();
    assertThat(analyzer.wants("usr/bin/tool", 400_000, 0)).isTrue();
    assertThat(analyzer.wants("etc/config", 400_000, 0644)).isFalse();
    assertThat(analyzer.wants("usr/bin/tiny", 10, 0755)).isFalse();
  }

  private static byte[] sectionBytes(byte[] bin) throws IOException {
    Path tmp = Files.createTempFile("audhello", ".bin");
    try {
      Files.write(tmp, bin);
      try (BoundedReader in = BoundedReader.open(FileInput.ofFile("bin/audhello", tmp, 0755))) {
        Executable.Section s = Executable.parse(in).section(CargoAuditableAnalyzer.SECTION);
        return in.read(s.offset(), s.size());
      }
    } finally {
      Files.delete(tmp);
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
