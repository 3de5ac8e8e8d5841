package dev.drydock.analyzers.lang.rust;

import static dev.drydock.analyzers.lang.rust.ForeignExecutables.CPU_ARM64;
import static dev.drydock.analyzers.lang.rust.ForeignExecutables.CPU_X86_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cargo-auditable data in Windows (PE32+) and macOS (Mach-O, thin and universal) executables built byte by
 * byte by {@link ForeignExecutables}, with dependency lists written for this test in the documented
 * format (fixtures/rust/tally-*-dep-v0.json, see FIXTURES.md), and the same files damaged.
 */
class CargoAuditablePeMachOTest {

  @TempDir Path tmp;

  private final CargoAuditableAnalyzer analyzer = new CargoAuditableAnalyzer();

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CargoAuditablePeMachOTest.class.getResourceAsStream("/fixtures/rust/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** The JSON document zlib-compressed, as cargo-auditable stores it. */
  private static byte[] zlib(byte[] json) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setInput(json);
    d.finish();
    byte[] buf = new byte[json.length + 1024];
    int n = d.deflate(buf);
    d.end();
    return Arrays.copyOf(buf, n);
  }

  private static byte[] windowsPayload() throws IOException {
    return zlib(resource("tally-windows-dep-v0.json"));
  }

  private static byte[] macPayload() throws IOException {
    return zlib(resource("tally-macos-dep-v0.json"));
  }

  /** Expected rows: name, version, source, kind (runtime when absent), root (false when absent). */
  private static List<String> expected(String name) throws IOException {
    return Arrays.stream(new String(resource(name), StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.isBlank()).toList();
  }

  /** Analyses {@code bytes} as a file on disk (the analyzer reads headers and the section by offset). */
  private List<Package> analyze(String path, byte[] bytes) throws IOException {
    Path file = tmp.resolve("f" + System.nanoTime());
    Files.write(file, bytes);
    List<Fact> facts = analyzer.analyze(FileInput.ofFile(path, file, 0755));
    return facts.stream().map(f -> ((Fact.PackageFound) f).pkg()).toList();
  }

  private static List<String> rows(List<Package> pkgs) {
    return pkgs.stream().map(p -> String.join("\t", p.name(), p.version(), p.attribute("source"),
        p.attribute("kind") == null ? "runtime" : p.attribute("kind"),
        p.attribute("root") == null ? "false" : p.attribute("root"))).toList();
  }

  @Test
  void windowsExecutable() throws IOException {
    List<Package> pkgs = analyze("app/tally.exe", ForeignExecutables.pe(windowsPayload()));

    assertThat(rows(pkgs)).containsExactlyElementsOf(expected("tally-windows-dep-v0.expected.tsv")).hasSize(24);
    assertThat(rows(pkgs)).contains("tally\t0.3.1\tlocal\truntime\ttrue",
        "windows_x86_64_msvc\t0.52.4\tcrates.io\truntime\tfalse", "syn\t2.0.55\tcrates.io\tbuild\tfalse");
    assertThat(pkgs).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo(Ecosystem.CARGO);
      assertThat(p.location()).isEqualTo("app/tally.exe");
    });
  }

  @Test
  void macOsExecutable() throws IOException {
    List<Package> pkgs = analyze("usr/local/bin/tally", ForeignExecutables.machO(CPU_ARM64, macPayload(), "__DATA"));

    assertThat(rows(pkgs)).containsExactlyElementsOf(expected("tally-macos-dep-v0.expected.tsv")).hasSize(20);
    assertThat(rows(pkgs)).contains("tally\t0.3.1\tlocal\truntime\ttrue")
        .noneMatch(r -> r.startsWith("windows"));
  }

  @Test
  void macOsUniversalExecutableReportsEachPackageOnce() throws IOException {
    byte[] fat = ForeignExecutables.universal(new int[] {CPU_X86_64, CPU_ARM64},
        ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA"),
        ForeignExecutables.machO(CPU_ARM64, macPayload(), "__DATA"));

    assertThat(rows(analyze("usr/local/bin/tally", fat)))
        .containsExactlyElementsOf(expected("tally-macos-dep-v0.expected.tsv"));
  }

  @Test
  void universalExecutableUnitesItsArchitecturesLists() throws IOException {
    // architectures whose lists differ (target-specific dependencies; here the Windows list stands in
    // for the arm64 one): every package of either is reported, those in both once
    byte[] fat = ForeignExecutables.universal(new int[] {CPU_X86_64, CPU_ARM64},
        ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA"),
        ForeignExecutables.machO(CPU_ARM64, windowsPayload(), "__DATA"));

    assertThat(rows(analyze("usr/local/bin/tally", fat))).hasSize(20 + 4)
        .containsAll(expected("tally-macos-dep-v0.expected.tsv"))
        .containsAll(expected("tally-windows-dep-v0.expected.tsv"))
        .doesNotHaveDuplicates();
  }

  @Test
  void machOSectionOutsideDataSegmentIsNotAuditData() throws IOException {
    assertThat(analyze("usr/local/bin/tally", ForeignExecutables.machO(CPU_ARM64, macPayload(), "__TEXT"))).isEmpty();
  }

  @Test
  void executablesWithoutTheSectionGiveNoFacts() throws IOException {
    byte[] pe = ForeignExecutables.pe(windowsPayload());
    pe[ForeignExecutables.PE_DEP_HEADER + 1] = 'x'; // .xep-v0
    assertThat(analyze("app/plain.exe", pe)).isEmpty();
    byte[] macho = ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA");
    macho[ForeignExecutables.MACHO_DEP_HEADER + 1] = 'x';
    assertThat(analyze("bin/plain", macho)).isEmpty();
  }

  @Test
  void truncatedHeadersGiveNoFacts() throws IOException {
    byte[] pe = ForeignExecutables.pe(windowsPayload());
    for (int cut : new int[] {2, 0x40, 0x90, 0x100, ForeignExecutables.PE_DEP_HEADER + 20}) {
      assertThat(analyze("app/cut.exe", Arrays.copyOf(pe, cut))).as("PE cut at %d", cut).isEmpty();
    }
    byte[] macho = ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA");
    for (int cut : new int[] {4, 20, 100, ForeignExecutables.MACHO_DEP_HEADER + 40}) {
      assertThat(analyze("bin/cut", Arrays.copyOf(macho, cut))).as("Mach-O cut at %d", cut).isEmpty();
    }
    byte[] fat = ForeignExecutables.universal(new int[] {CPU_X86_64}, macho);
    for (int cut : new int[] {6, 8, 20, 0x1000 + 100}) {
      assertThat(analyze("bin/cut", Arrays.copyOf(fat, cut))).as("universal cut at %d", cut).isEmpty();
    }
  }

  @Test
  void hostileCountsAndOffsetsGiveNoFactsWithoutReadingMuch() throws IOException {
    byte[] pe = ForeignExecutables.pe(windowsPayload());
    pe[0x86] = (byte) 0xff; // NumberOfSections 0xffff
    pe[0x87] = (byte) 0xff;
    assertThat(analyze("app/many.exe", pe)).isEmpty();

    byte[] lfanew = ForeignExecutables.pe(windowsPayload());
    ByteBuffer.wrap(lfanew).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 0x7ffffff0); // PE header past EOF
    assertThat(analyze("app/far.exe", lfanew)).isEmpty();

    byte[] macho = ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA");
    ByteBuffer.wrap(macho).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7fffffff).putInt(20, 0x7fffffff);
    assertThat(analyze("bin/many", macho)).isEmpty(); // ncmds, sizeofcmds beyond any real file

    // a universal header listing slices past the end of the file
    byte[] fat = ForeignExecutables.universal(new int[] {CPU_X86_64},
        ForeignExecutables.machO(CPU_X86_64, macPayload(), "__DATA"));
    ByteBuffer.wrap(fat).putInt(16, 0x7ffff000);
    assertThat(analyze("bin/far", fat)).isEmpty();
  }

  @Test
  void sectionPastEndOfFileIsReportedNotRead() throws IOException {
    byte[] pe = ForeignExecutables.pe(windowsPayload());
    ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).putInt(ForeignExecutables.PE_DEP_HEADER + 20, 0x7fff0000);
    assertThatThrownBy(() -> analyze("app/tally.exe", pe)).isInstanceOf(IOException.class)
        .hasMessageContaining(".dep-v0 section").hasMessageContaining("outside the file");

    byte[] macho = ForeignExecutables.machO(CPU_ARM64, macPayload(), "__DATA");
    ByteBuffer.wrap(macho).order(ByteOrder.LITTLE_ENDIAN).putLong(ForeignExecutables.MACHO_DEP_HEADER + 40, 0x10000);
    assertThatThrownBy(() -> analyze("bin/tally", macho)).isInstanceOf(IOException.class)
        .hasMessageContaining("outside the file");

    byte[] huge = ForeignExecutables.machO(CPU_ARM64, macPayload(), "__DATA");
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(ForeignExecutables.MACHO_DEP_HEADER + 40, 1L << 40);
    assertThatThrownBy(() -> analyze("bin/tally", huge)).isInstanceOf(IOException.class)
        .hasMessageContaining("limit");
  }

  @Test
  void zlibBombInTheSectionIsCapped() throws IOException {
    // 64 MiB of zero bytes deflate to some 64 KB
    byte[] bomb = zlib(new byte[64 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(100_000);
    assertThatThrownBy(() -> analyze("app/bomb.exe", ForeignExecutables.pe(bomb))).isInstanceOf(IOException.class)
        .hasMessageContaining("inflates past");
    byte[] fat = ForeignExecutables.universal(new int[] {CPU_ARM64},
        ForeignExecutables.machO(CPU_ARM64, bomb, "__DATA"));
    assertThatThrownBy(() -> analyze("bin/bomb", fat)).isInstanceOf(IOException.class)
        .hasMessageContaining("inflates past");
    assertThatThrownBy(() -> analyze("app/junk.exe", ForeignExecutables.pe("{\"packages\":".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class).hasMessageContaining("not zlib");
    assertThatThrownBy(() -> analyze("app/junk.exe", ForeignExecutables.pe(zlib("[1,2]".getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(IOException.class).hasMessageContaining("not a cargo-auditable JSON document");
  }

  @Test
  void javaClassFileIsNoUniversalBinary() throws IOException {
    byte[] cls = new byte[2048];
    ByteBuffer.wrap(cls).putInt(0, 0xcafebabe).putShort(4, (short) 0).putShort(6, (short) 61); // Java 17
    assertThat(analyze("bin/Main.class", cls)).isEmpty();
  }

  @Test
  void wantsWindowsExecutablesByNameAndOthersByMode() {
    assertThat(analyzer.wants("app/tally.exe", 400_000, 0644)).isTrue();
    assertThat(analyzer.wants("Program Files/Tally/TALLY.EXE", 400_000, 0)).isTrue();
    assertThat(analyzer.wants("app/tally_core.dll", 400_000, 0644)).isTrue();
    assertThat(analyzer.wants("Applications/Tally.app/Contents/MacOS/tally", 400_000, 0755)).isTrue();
    assertThat(analyzer.wants("app/readme.txt", 400_000, 0644)).isFalse();
    assertThat(analyzer.wants("app/tiny.exe", 100, 0644)).isFalse();
    assertThat(analyzer.wants("app/huge.exe", 1L << 40, 0644)).isFalse();
  }
}
