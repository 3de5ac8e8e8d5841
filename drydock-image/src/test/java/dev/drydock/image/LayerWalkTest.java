package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.DrydockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWalkTest {
  @TempDir Path tmp;

  private ImageSource open(ImageBuilder img, String name, Limits limits) throws Exception {
    Path dir = img.write(tmp.resolve(name));
    return Sources.open(dir, new SourceOptions(null, limits, tmp.resolve("scratch")));
  }

  private static ImageBuilder oneLayer(Compression c, Consumer<ImageBuilder.LayerSpec> spec) {
    return ImageBuilder.ociLayout().layer(c, spec);
  }

  @Test
  void reportsWhiteoutsOpaqueDirsLinksModesAndOwners() throws Exception {
    ImageBuilder img = oneLayer(Compression.GZIP, l -> l
        .dir("./usr/bin")
        .file("usr/bin/su", "su".getBytes(StandardCharsets.UTF_8), 04755, 0, 0)
        .file("home/u/notes", "n".getBytes(StandardCharsets.UTF_8), 0600, 1000, 1001)
        .symlink("bin", "usr/bin")
        .symlink("etc/localtime", "/usr/share/zoneinfo/UTC")
        .hardlink("usr/bin/su2", "./usr/bin/su")
        .whiteout("var/cache/old")
        .whiteout("rootfile")
        .opaque("etc/ssl")
        .dir("tmp", 01777));
    try (ImageSource src = open(img, "links", Limits.DEFAULT)) {
      RecordingVisitor v = new RecordingVisitor(p -> p.equals("usr/bin/su"));
      src.walk(src.layers().get(0), v);
      assertThat(v.events).containsExactly(
          "entry usr/bin DIRECTORY 0 755 0:0",
          "entry usr/bin/su FILE 2 4755 0:0",
          "entry home/u/notes FILE 1 600 1000:1001",
          "entry bin SYMLINK 0 777 0:0",
          "symlink bin -> usr/bin",
          "entry etc/localtime SYMLINK 0 777 0:0",
          "symlink etc/localtime -> /usr/share/zoneinfo/UTC",
          "entry usr/bin/su2 HARDLINK 0 644 0:0",
          "hardlink usr/bin/su2 -> usr/bin/su",
          "whiteout var/cache/old",
          "whiteout rootfile",
          "opaque etc/ssl",
          "entry tmp DIRECTORY 0 1777 0:0");
      assertThat(v.contents).containsOnlyKeys("usr/bin/su");
    }
  }

  @Test
  void visitorMayStopReadingEarlyAndTheDigestsStillVerify() throws Exception {
    ImageBuilder img = oneLayer(Compression.ZSTD, l -> l.file("big", "x".repeat(100_000)).file("after", "ok"));
    try (ImageSource src = open(img, "partial", Limits.DEFAULT)) {
      StringBuilder seen = new StringBuilder();
      src.walk(src.layers().get(0), new LayerVisitor() {
        @Override
        public boolean wants(String path, long size, int mode) {
          return true;
        }

        @Override
        public void file(String path, long size, int mode, java.io.InputStream content) throws java.io.IOException {
          seen.append(path).append(':').append((char) content.read()).append(' ');
          content.close();
        }
      });
      assertThat(seen.toString()).isEqualTo("big:x after:o ");
    }
  }

  private static byte[] truncate(byte[] b) {
    return Arrays.copyOf(b, b.length / 2);
  }

  @Test
  void truncatedGzipIsCorruptData() throws Exception {
    ImageBuilder img = oneLayer(Compression.GZIP, l -> l.file("a", "some text ".repeat(5000)))
        .tamperLayer(0, LayerWalkTest::truncate);
    try (ImageSource src = open(img, "trunc-gz", Limits.DEFAULT)) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.all()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of "
              + tmp.resolve("trunc-gz") + ": corrupt gzip data: ")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void truncatedZstdIsCorruptData() throws Exception {
    ImageBuilder img = oneLayer(Compression.ZSTD, l -> l.file("a", "some text ".repeat(5000)))
        .tamperLayer(0, LayerWalkTest::truncate);
    try (ImageSource src = open(img, "trunc-zst", Limits.DEFAULT)) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.none()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of "
              + tmp.resolve("trunc-zst") + ": corrupt zstd data: ");
    }
  }

  @Test
  void anEntryNameWithALineBreakCannotSplitTheMessage() throws Exception {
    // found by fuzzing: "corrupt tar data after <name>" printed a name holding a line break as two lines
    ImageBuilder img = oneLayer(Compression.NONE, l -> l.file("ok", "ok")
        .rawEntry("../x\n\u001b[2Jfake: line", "evil".getBytes(StandardCharsets.UTF_8)));
    try (ImageSource src = open(img, "newline", Limits.DEFAULT)) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.all()))
          .isInstanceOf(DrydockException.class)
          .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("newline")
              + ": entry ../x\\n\\u001b[2Jfake: line escapes the image root");
    }
  }

  @Test
  void entryEscapingTheRootIsRejected() throws Exception {
    ImageBuilder img = oneLayer(Compression.NONE, l -> l.file("ok", "ok")
        .rawEntry("usr/../../../etc/passwd", "evil".getBytes(StandardCharsets.UTF_8)));
    try (ImageSource src = open(img, "escape", Limits.DEFAULT)) {
      RecordingVisitor v = RecordingVisitor.all();
      assertThatThrownBy(() -> src.walk(src.layers().get(0), v))
          .isInstanceOf(DrydockException.class)
          .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("escape")
              + ": entry usr/../../../etc/passwd escapes the image root");
      assertThat(v.contents).doesNotContainKey("etc/passwd");
    }
  }

  @Test
  void dotDotInsideTheRootIsResolved() throws Exception {
    ImageBuilder img = oneLayer(Compression.NONE, l -> l.rawEntry("./usr/lib/../share/x", "x".getBytes()));
    try (ImageSource src = open(img, "dotdot", Limits.DEFAULT)) {
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(0), v);
      assertThat(v.contents).containsOnlyKeys("usr/share/x");
    }
  }

  @Test
  void absoluteEntryIsRejected() throws Exception {
    ImageBuilder img = oneLayer(Compression.GZIP, l -> l.rawEntry("/etc/passwd", "evil".getBytes()));
    try (ImageSource src = open(img, "absolute", Limits.DEFAULT)) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.all()))
          .isInstanceOf(DrydockException.class)
          .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("absolute")
              + ": absolute entry path /etc/passwd");
    }
  }

  @Test
  void decompressionBombIsStoppedByTheExpansionRatio() throws Exception {
    ImageBuilder img = oneLayer(Compression.GZIP, l -> l.zeros("zeros.bin", 200L << 20));
    Limits limits = new Limits(1L << 40, 1L << 40, 100.0, 1L << 20);
    try (ImageSource src = open(img, "bomb", limits)) {
      assertThat(src.layers().get(0).size()).isLessThan(1L << 20);
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.all()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("bomb")
              + ": entry zeros.bin: expansion ratio exceeds the limit of 100.0");
    }
  }

  @Test
  void entryAndLayerSizeLimitsApply() throws Exception {
    ImageBuilder img = oneLayer(Compression.NONE, l -> l.file("small", "x").zeros("big", 3L << 20));
    try (ImageSource src = open(img, "sizes", new Limits(1L << 20, 1L << 40, 200, 0))) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.none()))
          .isInstanceOf(DrydockException.class)
          .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("sizes")
              + ": entry big: size 3145728 exceeds the limit of 1048576 bytes");
    }
    try (ImageSource src = Sources.open(tmp.resolve("sizes"),
        new SourceOptions(null, new Limits(1L << 40, 2L << 20, 200, 0), null))) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.none()))
          .isInstanceOf(DrydockException.class)
          .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tmp.resolve("sizes")
              + ": entry big: uncompressed layer exceeds the limit of 2097152 bytes");
    }
  }
}
