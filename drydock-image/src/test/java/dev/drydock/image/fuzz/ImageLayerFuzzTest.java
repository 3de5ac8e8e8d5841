package dev.drydock.image.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.testing.FuzzContract;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layer walking (issue 18): the fuzzed bytes are a layer's tar (first byte: stored as is, gzip or zstd), written
 * into an OCI layout whose manifest and config are made for them (an attacker's own image: the digests match), then
 * opened and walked as a scan does: tar headers (checksums, sizes, pax, GNU long names), whiteouts and opaque
 * directories, symbolic and hard links, paths escaping the root, the structure checks and the digest checks.
 */
class ImageLayerFuzzTest {
  private static final Compression[] COMPRESSIONS = {Compression.NONE, Compression.GZIP, Compression.ZSTD};

  static Stream<Arguments> seeds() throws Exception {
    return Stream.of(
        Arguments.of((Object) seed(0, tar(false))),
        Arguments.of((Object) seed(0, tar(true))),
        Arguments.of((Object) seed(1, tar(false))),
        Arguments.of((Object) seed(2, tar(false))));
  }

  private static byte[] seed(int compression, byte[] tar) {
    byte[] data = new byte[tar.length + 1];
    data[0] = (byte) compression;
    System.arraycopy(tar, 0, data, 1, tar.length);
    return data;
  }

  /** A layer with files, a directory, links, a whiteout, an opaque directory and (pax) a long name. */
  private static byte[] tar(boolean pax) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(pax ? TarArchiveOutputStream.LONGFILE_POSIX : TarArchiveOutputStream.LONGFILE_GNU);
      dir(t, "etc/");
      file(t, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
      file(t, "var/lib/dpkg/status", "Package: tzdata\nStatus: install ok installed\nVersion: 2024a-0+deb12u1\n\n");
      link(t, "usr/bin/sh", "/bin/dash", TarArchiveEntry.LF_SYMLINK);
      link(t, "usr/bin/dash2", "usr/bin/dash", TarArchiveEntry.LF_LINK);
      file(t, "etc/.wh.passwd", "");
      file(t, "opt/app/.wh..wh..opq", "");
      file(t, "opt/app/" + "long-name-".repeat(12) + ".jar", "PK");
    }
    return out.toByteArray();
  }

  private static void dir(TarArchiveOutputStream t, String name) throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    t.putArchiveEntry(e);
    t.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream t, String name, String content) throws Exception {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(b.length);
    e.setMode(0100644);
    t.putArchiveEntry(e);
    t.write(b);
    t.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream t, String name, String target, byte type) throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name, type);
    e.setLinkName(target);
    t.putArchiveEntry(e);
    t.closeArchiveEntry();
  }

  @MethodSource("seeds")
  @FuzzTest
  void layer(byte[] data) {
    if (data.length == 0) {
      return;
    }
    Compression compression = COMPRESSIONS[(data[0] & 0xff) % COMPRESSIONS.length];
    byte[] tar = Arrays.copyOfRange(data, 1, data.length);
    Path dir = ImageFuzzing.fresh("layout");
    try {
      FuzzContract.holds(() -> {
        ImageBuilder.ociLayout().layer(compression, l -> l.file("placeholder", "x"))
            .editLayerTar(0, ignored -> tar).write(dir);
        ImageFuzzing.openAndWalk(dir);
      });
    } finally {
      ImageFuzzing.delete(dir);
    }
  }
}
