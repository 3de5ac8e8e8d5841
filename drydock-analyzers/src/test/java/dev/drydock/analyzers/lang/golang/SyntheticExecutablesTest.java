package dev.drydock.analyzers.lang.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PE and Mach-O layouts, built byte by byte following the PE/COFF and Mach-O header formats (no real
 * Windows or macOS Go binaries are available offline). The ELF paths are covered by real binaries in
 * {@link GoBinaryAnalyzerTest}.
 */
class SyntheticExecutablesTest {

  private static final String MOD_TEXT = "path\texample.com/tool\n"
      + "mod\texample.com/tool\t(devel)\t\n"
      + "dep\tgithub.com/google/uuid\tv1.6.0\th1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n";
  /** Go frames the module text with 16-byte sentinels; any 16 bytes do for the reader. */
  private static final String FRAMED = "SENTINEL-START!!" + MOD_TEXT + "SENTINEL-END!!!!";

  private final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

  private List<String> analyze(byte[] bin) throws IOException {
    return analyzer.analyze(FileInput.ofBytes("tool.exe", bin, 0755)).stream()
        .map(f -> ((Fact.PackageFound) f).pkg())
        .map(SyntheticExecutablesTest::describe)
        .toList();
  }

  private static String describe(Package p) {
    return p.name() + "@" + p.version() + " " + p.attribute("goVersion");
  }

  @Test
  void pe32PlusWithPointerFormat() throws IOException {
    long imageBase = 0x140000000L;
    int dataRva = 0x2000;
    int dataRaw = 0x600;
    ByteBuffer b = ByteBuffer.allocate(0x1600).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
    b.put(0x80, (byte) 'P').put(0x81, (byte) 'E');
    b.putShort(0x84, (short) 0x8664).putShort(0x86, (short) 2).putShort(0x94, (short) 240);
    int opt = 0x98;
    b.putShort(opt, (short) 0x20b).putLong(opt + 24, imageBase);
    int table = opt + 240;
    section(b, table, ".text", 0x200, 0x1000, 0x200, 0x400, 0x60000020);
    section(b, table + 40, ".data", 0x1000, dataRva, 0x1000, dataRaw, 0xC0000040);
    // build info header at the start of .data: magic, pointer size 8, flags 0 (pointers, little-endian)
    long va = imageBase + dataRva;
    put(b, dataRaw, BuildInfoReader.MAGIC);
    b.put(dataRaw + 14, (byte) 8).put(dataRaw + 15, (byte) 0);
    b.putLong(dataRaw + 16, va + 0x40).putLong(dataRaw + 24, va + 0x50);
    byte[] version = "go1.16.15".getBytes(StandardCharsets.UTF_8);
    byte[] mod = FRAMED.getBytes(StandardCharsets.UTF_8);
    b.putLong(dataRaw + 0x40, va + 0x80).putLong(dataRaw + 0x48, version.length);
    b.putLong(dataRaw + 0x50, va + 0x100).putLong(dataRaw + 0x58, mod.length);
    put(b, dataRaw + 0x80, version);
    put(b, dataRaw + 0x100, mod);

    assertThat(analyze(b.array())).containsExactly(
        "stdlib@1.16.15 go1.16.15",
        "example.com/tool@(devel) go1.16.15",
        "github.com/google/uuid@v1.6.0 go1.16.15");

    // module text pointer outside every section: only the toolchain is known (as with go version -m)
    b.putLong(dataRaw + 0x50, imageBase + 0x900000);
    assertThat(analyze(b.array())).containsExactly("stdlib@1.16.15 go1.16.15");
    // version pointer unresolvable too: no facts, no exception
    b.putLong(dataRaw + 0x40, -1L);
    assertThat(analyze(b.array())).isEmpty();
  }

  @Test
  void machO64WithInlineFormat() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(0x2000).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 0xfeedfacf).putInt(4, 0x01000007).putInt(8, 3).putInt(12, 2);
    b.putInt(16, 1).putInt(20, 72 + 80);
    int seg = 32;
    b.putInt(seg, 0x19).putInt(seg + 4, 72 + 80);
    put(b, seg + 8, "__DATA".getBytes(StandardCharsets.US_ASCII));
    b.putLong(seg + 24, 0x100004000L).putLong(seg + 32, 0x1000).putLong(seg + 40, 0x1000).putLong(seg + 48, 0x1000);
    b.putInt(seg + 56, 3).putInt(seg + 60, 3).putInt(seg + 64, 1);
    int sect = seg + 72;
    put(b, sect, "__go_buildinfo".getBytes(StandardCharsets.US_ASCII));
    put(b, sect + 16, "__DATA".getBytes(StandardCharsets.US_ASCII));
    b.putLong(sect + 32, 0x100004000L).putLong(sect + 40, 0x1000).putInt(sect + 48, 0x1000);
    int at = 0x1000;
    put(b, at, BuildInfoReader.MAGIC);
    b.put(at + 14, (byte) 8).put(at + 15, (byte) 2);
    int pos = at + 32;
    for (String s : new String[] {"go1.22.5", FRAMED}) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      pos = putVarint(b, pos, bytes.length);
      put(b, pos, bytes);
      pos += bytes.length;
    }

    assertThat(analyze(b.array())).containsExactly(
        "stdlib@1.22.5 go1.22.5",
        "example.com/tool@(devel) go1.22.5",
        "github.com/google/uuid@v1.6.0 go1.22.5");

    // load command size running past the commands: parsed defensively, no facts
    b.putInt(seg + 4, 0x7fffffff);
    assertThat(analyze(b.array())).isEmpty();
  }

  private static void section(ByteBuffer b, int at, String name, int vsize, int rva, int rawSize, int rawPtr,
      int characteristics) {
    put(b, at, name.getBytes(StandardCharsets.US_ASCII));
    b.putInt(at + 8, vsize).putInt(at + 12, rva).putInt(at + 16, rawSize).putInt(at + 20, rawPtr);
    b.putInt(at + 36, characteristics);
  }

  private static void put(ByteBuffer b, int at, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      b.put(at + i, bytes[i]);
    }
  }

  private static int putVarint(ByteBuffer b, int at, int value) {
    while (value >= 0x80) {
      b.put(at++, (byte) (value | 0x80));
      value >>>= 7;
    }
    b.put(at++, (byte) value);
    return at;
  }
}
