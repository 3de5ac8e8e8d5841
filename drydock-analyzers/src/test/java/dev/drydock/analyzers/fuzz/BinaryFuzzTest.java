package dev.drydock.analyzers.fuzz;

import static dev.drydock.analyzers.fuzz.AnalyzerTargets.fixture;
import static dev.drydock.analyzers.fuzz.AnalyzerTargets.seed;
import static dev.drydock.analyzers.fuzz.AnalyzerTargets.utf8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.analyzers.fuzz.AnalyzerTargets.Case;
import dev.drydock.analyzers.lang.golang.GoBinaryAnalyzer;
import dev.drydock.analyzers.lang.rust.CargoAuditableAnalyzer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executables (issue 18): ELF, PE and Mach-O (thin and universal) headers, sections and segments, Go build info
 * and cargo-auditable's {@code .dep-v0} section. The seeds are small ELF files built here (the real binaries in
 * the fixtures are megabytes, too slow to mutate): one with a Go 1.18+ build info section, one with a
 * cargo-auditable section holding the audhello fixture's dependency list.
 */
class BinaryFuzzTest {
  static final List<Case> CASES = List.of(
      new Case("usr/local/bin/tool", 0755, new GoBinaryAnalyzer()),
      new Case("usr/local/bin/app", 0755, new CargoAuditableAnalyzer()),
      new Case("app/bin/tool.exe", 0, new GoBinaryAnalyzer()),
      new Case("app/app.exe", 0644, new CargoAuditableAnalyzer()));

  static Stream<Arguments> seeds() throws Exception {
    byte[] go = elf(".go.buildinfo", goBuildInfo());
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
      out.write(fixture("rust/audhello-dep-v0.json"));
    }
    byte[] rust = elf(".dep-v0", z.toByteArray());
    return Stream.of(
        seed(CASES, "usr/local/bin/tool", go),
        seed(CASES, "usr/local/bin/app", rust),
        seed(CASES, "app/bin/tool.exe", go),
        seed(CASES, "app/app.exe", rust));
  }

  /** Go 1.18+ build info: the 32-byte header (magic, pointer size, flags: inline strings) and two varint strings. */
  private static byte[] goBuildInfo() {
    byte[] magic = "\u00ff Go buildinf:".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] version = utf8("go1.21.5");
    byte[] mod = utf8("0123456789abcdef" + "path\texample.com/tool\nmod\texample.com/tool\t(devel)\t\n"
        + "dep\tgithub.com/google/uuid\tv1.6.0\th1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n" + "fedcba9876543210");
    ByteBuffer b = ByteBuffer.allocate(32 + 2 + version.length + 2 + mod.length);
    b.put(magic).put((byte) 8).put((byte) 2);
    b.position(32);
    b.put((byte) version.length).put(version);
    b.put((byte) (0x80 | (mod.length & 0x7f))).put((byte) (mod.length >> 7)).put(mod);
    return b.array();
  }

  /** A little-endian ELF64 executable with one writable data section {@code name} and a section name table. */
  static byte[] elf(String name, byte[] content) {
    byte[] names = utf8("\0" + name + "\0.shstrtab\0");
    int dataOff = 0x100;
    int namesOff = dataOff + content.length;
    int shOff = (namesOff + names.length + 7) & ~7;
    int size = Math.max(shOff + 3 * 64, 2048);
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putShort(16, (short) 2).putShort(18, (short) 0x3e).putInt(20, 1);
    b.putLong(40, shOff).putShort(52, (short) 64).putShort(54, (short) 56).putShort(58, (short) 64);
    b.putShort(60, (short) 3).putShort(62, (short) 2);
    b.put(dataOff, content);
    b.put(namesOff, names);
    int s1 = shOff + 64; // the data section
    b.putInt(s1, 1).putInt(s1 + 4, 1).putLong(s1 + 8, 3).putLong(s1 + 16, 0x500000L + dataOff)
        .putLong(s1 + 24, dataOff).putLong(s1 + 32, content.length).putLong(s1 + 48, 8);
    int s2 = shOff + 128; // .shstrtab
    b.putInt(s2, 2 + name.length()).putInt(s2 + 4, 3).putLong(s2 + 24, namesOff).putLong(s2 + 32, names.length)
        .putLong(s2 + 48, 1);
    return b.array();
  }

  /** The built seeds are read as what they claim to be, so the fuzzer starts deep inside both readers. */
  @org.junit.jupiter.api.Test
  void seedsAreReadAsGoAndCargoAuditableBinaries() throws Exception {
    List<byte[]> data = seeds().map(a -> (byte[]) a.get()[0]).toList();
    for (int i = 0; i < 2; i++) {
      Case c = CASES.get(data.get(i)[0]);
      byte[] content = java.util.Arrays.copyOfRange(data.get(i), 1, data.get(i).length);
      org.assertj.core.api.Assertions.assertThat(c.analyzer().analyze(
              dev.drydock.analyzers.FileInput.ofBytes(c.path(), content, c.mode())))
          .as(c.analyzer().name()).isNotEmpty();
    }
  }

  @MethodSource("seeds")
  @FuzzTest
  void executable(byte[] data) {
    AnalyzerTargets.analyze(CASES, data);
  }
}
