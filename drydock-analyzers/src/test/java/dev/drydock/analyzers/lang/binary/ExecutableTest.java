package dev.drydock.analyzers.lang.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared header reader against a real ELF executable (the cargo-auditable fixture of the rust
 * analyzer), with expected sections and PT_LOAD segments taken from GNU readelf (see
 * fixtures/rust/FIXTURES.md), and against damaged headers.
 */
class ExecutableTest {

  @TempDir Path tmp;

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ExecutableTest.class.getResourceAsStream("/fixtures/rust/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private Executable parse(byte[] bytes) throws IOException {
    Path file = tmp.resolve("bin-" + System.nanoTime());
    Files.write(file, bytes);
    try (BoundedReader in = BoundedReader.open(FileInput.ofFile("usr/bin/x", file, 0755))) {
      return Executable.parse(in);
    }
  }

  /** Rows of audhello-auditable.readelf.tsv: kind, name, address, offset, size, W or -. */
  private static List<String[]> readelf() throws IOException {
    return Arrays.stream(new String(fixture("audhello-auditable.readelf.tsv"), StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t", -1))
        .toList();
  }

  @Test
  void elfSectionsAndLoadSegmentsMatchReadelf() throws IOException {
    Executable exe = parse(fixture("audhello-auditable"));

    assertThat(exe).isNotNull();
    assertThat(exe.format()).isEqualTo(Executable.Format.ELF);
    List<String> expectedSections = readelf().stream().filter(r -> r[0].equals("section"))
        .map(r -> String.join(" ", r[1], r[2], r[3], r[4], r[5])).toList();
    assertThat(exe.sections())
        .extracting(s -> String.join(" ", s.name(), Long.toString(s.address()), Long.toString(s.offset()),
            Long.toString(s.size()), s.writableData() ? "W" : "-"))
        .containsExactlyElementsOf(expectedSections)
        .hasSize(30);
    List<String> expectedLoads = readelf().stream().filter(r -> r[0].equals("load"))
        .map(r -> String.join(" ", r[2], r[3], r[4], r[5])).toList();
    assertThat(exe.mappings())
        .extracting(m -> String.join(" ", Long.toString(m.address()), Long.toString(m.offset()),
            Long.toString(m.size()), m.writable() ? "W" : "-"))
        .containsExactlyElementsOf(expectedLoads)
        .hasSize(4);
  }

  @Test
  void findsSectionsByNameAndMapsAddressesToFileOffsets() throws IOException {
    Executable exe = parse(fixture("audhello-auditable"));
    String[] data = readelf().stream().filter(r -> r[1].equals(".data")).findFirst().orElseThrow();
    long address = Long.parseLong(data[2]);
    long offset = Long.parseLong(data[3]);
    long size = Long.parseLong(data[4]);

    assertThat(exe.section(".data")).isEqualTo(new Executable.Section("", ".data", address, offset, size, true));
    assertThat(exe.section(".dep-v0").size()).isEqualTo(Long.parseLong(
        readelf().stream().filter(r -> r[1].equals(".dep-v0")).findFirst().orElseThrow()[4]));
    assertThat(exe.section(".bss")).as("NOBITS sections have no file content").isNull();
    assertThat(exe.section(".nope")).isNull();
    assertThat(exe.offsetOf(address, 8)).isEqualTo(offset);
    assertThat(exe.offsetOf(address + 16, 8)).isEqualTo(offset + 16);
    // .data is the last bytes of the last PT_LOAD: past its file size lies .bss, which has no file bytes
    assertThat(exe.offsetOf(address + size - 4, 8)).isEqualTo(-1);
    assertThat(exe.offsetOf(address + size, 1)).isEqualTo(-1);
    assertThat(exe.offsetOf(-1L, 1)).isEqualTo(-1);
  }

  @Test
  void damagedHeadersGiveLessOrNothingButNeverThrow() throws IOException {
    byte[] bin = fixture("audhello-auditable");

    assertThat(parse(Arrays.copyOf(bin, 60))).as("ELF64 header cut short").isNull();
    assertThat(parse(Arrays.copyOf(bin, 3))).isNull();
    assertThat(parse("#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII))).isNull();

    byte[] badShoff = bin.clone();
    Arrays.fill(badShoff, 40, 48, (byte) 0x7f); // e_shoff far beyond the file
    Executable noSections = parse(badShoff);
    assertThat(noSections.sections()).isEmpty();
    assertThat(noSections.mappings()).hasSize(4);

    byte[] manySections = bin.clone();
    manySections[60] = (byte) 0xff; // e_shnum 0xffff: more than the reader accepts
    manySections[61] = (byte) 0xff;
    assertThat(parse(manySections).sections()).isEmpty();

    byte[] badPhoff = bin.clone();
    Arrays.fill(badPhoff, 32, 40, (byte) 0x7f); // e_phoff beyond the file: sections stand in for segments
    Executable noSegments = parse(badPhoff);
    assertThat(noSegments.sections()).hasSize(30);
    assertThat(noSegments.mappings()).extracting(Executable.Mapping::address).doesNotContain(0L);
    assertThat(noSegments.offsetOf(noSegments.section(".data").address(), 8))
        .isEqualTo(noSegments.section(".data").offset());

    byte[] badClass = bin.clone();
    badClass[4] = 3; // EI_CLASS neither 32 nor 64 bit
    assertThat(parse(badClass)).isNull();
  }

  @Test
  void readsTheArchitecturesOfAUniversalFile() throws IOException {
    java.nio.ByteBuffer fat = java.nio.ByteBuffer.allocate(0x3000);
    fat.putInt(0, 0xcafebabe).putInt(4, 3);
    fat.putInt(8, 0x01000007).putInt(12, 3).putInt(16, 0x1000).putInt(20, 0x1000).putInt(24, 12); // x86_64
    fat.putInt(28, 0x0100000c).putInt(32, 0).putInt(36, 0x2000).putInt(40, 0x1000).putInt(44, 14); // arm64
    fat.putInt(48, 0x00000012).putInt(52, 0).putInt(56, 0x2800).putInt(60, 0x1000).putInt(64, 12); // past EOF
    Path file = tmp.resolve("fat");
    Files.write(file, fat.array());
    try (BoundedReader in = BoundedReader.open(FileInput.ofFile("bin/fat", file, 0755))) {
      assertThat(Executable.slices(in)).containsExactly(new Executable.Slice(0x01000007, 0x1000, 0x1000),
          new Executable.Slice(0x0100000c, 0x2000, 0x1000));
      assertThat(Executable.parse(in)).as("a universal file is no thin executable").isNull();
    }
    assertThat(Executable.isUniversal(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 2}))
        .isTrue();
    assertThat(Executable.isUniversal(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbf, 0, 0, 0, 1}))
        .as("64-bit universal header").isTrue();
    assertThat(Executable.isUniversal(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61}))
        .as("Java 17 class file").isFalse();
    assertThat(Executable.isUniversal(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 0}))
        .isFalse();
    assertThat(Executable.isUniversal(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe})).isFalse();
  }

  @Test
  void recognisesExecutableMagic() {
    assertThat(Executable.hasExecutableMagic(new byte[] {0x7f, 'E', 'L', 'F'})).isTrue();
    assertThat(Executable.isElf(new byte[] {0x7f, 'E', 'L', 'F'})).isTrue();
    assertThat(Executable.hasExecutableMagic(new byte[] {'M', 'Z', 0, 0})).isTrue();
    assertThat(Executable.isElf(new byte[] {'M', 'Z', 0, 0})).isFalse();
    assertThat(Executable.hasExecutableMagic(new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe}))
        .as("64-bit little-endian Mach-O").isTrue();
    assertThat(Executable.hasExecutableMagic(new byte[] {(byte) 0xfe, (byte) 0xed, (byte) 0xfa, (byte) 0xce}))
        .as("32-bit big-endian Mach-O").isTrue();
    assertThat(Executable.hasExecutableMagic("#!/b".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(Executable.hasExecutableMagic(new byte[] {0x7f, 'E'})).isFalse();
  }
}
