package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.DrydockException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path tmp;

  private SourceOptions platform(String p) {
    return new SourceOptions(p, Limits.DEFAULT, tmp.resolve("scratch"));
  }

  private static ImageBuilder threeCompressions() {
    return ImageBuilder.ociLayout()
        .layer(Compression.GZIP, l -> l.file("etc/os-release", "ID=debian\n"))
        .layer(Compression.ZSTD, l -> l.file("usr/share/doc/z", "zstd content"))
        .layer(Compression.NONE, l -> l.file("opt/plain", "plain content"))
        .history("ADD a /").history("ADD b /").history("ADD c /")
        .repoTag("example.org/app:2");
  }

  @Test
  void readsOciDirectoryWithGzipZstdAndPlainLayers() throws Exception {
    ImageBuilder img = threeCompressions();
    Path dir = img.write(tmp.resolve("layout"));
    try (ImageSource src = Sources.open(dir, platform(null))) {
      assertThat(src.target().kind()).isEqualTo("oci-layout");
      assertThat(src.target().manifestDigest()).isEqualTo(img.manifestDigest());
      assertThat(src.target().configDigest()).isEqualTo(img.configDigest());
      assertThat(src.target().repoTags()).containsExactly("example.org/app:2");
      assertThat(src.layers()).extracting(Layer::mediaType).containsExactly(
          "application/vnd.oci.image.layer.v1.tar+gzip",
          "application/vnd.oci.image.layer.v1.tar+zstd",
          "application/vnd.oci.image.layer.v1.tar");
      assertThat(src.layers()).extracting(Layer::createdBy).containsExactly("ADD a /", "ADD b /", "ADD c /");
      String[] expected = {"etc/os-release=ID=debian\n", "usr/share/doc/z=zstd content", "opt/plain=plain content"};
      for (int i = 0; i < 3; i++) {
        Layer layer = src.layers().get(i);
        assertThat(layer.digest()).isEqualTo(img.layerDigest(i));
        assertThat(layer.diffId()).isEqualTo(img.diffId(i));
        RecordingVisitor v = RecordingVisitor.all();
        src.walk(layer, v);
        String[] kv = expected[i].split("=", 2);
        assertThat(v.contents).isEqualTo(Map.of(kv[0], kv[1]));
      }
    }
  }

  @Test
  void readsOciArchiveTar() throws Exception {
    ImageBuilder img = threeCompressions();
    ImageBuilder archive = ImageBuilder.ociArchive()
        .layer(Compression.ZSTD, l -> l.file("etc/alpine-release", "3.19.1\n")).history("ADD x /");
    Path tar = archive.write(tmp.resolve("oci.tar"));
    try (ImageSource src = Sources.open(tar, platform(null))) {
      assertThat(src.target().kind()).isEqualTo("oci-archive");
      assertThat(src.target().manifestDigest()).isEqualTo(archive.manifestDigest());
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(0), v);
      assertThat(v.contents).isEqualTo(Map.of("etc/alpine-release", "3.19.1\n"));
    }
    assertThat(img).isNotNull();
  }

  private ImageBuilder multiPlatform(ImageBuilder base) {
    return base.platform("linux/amd64")
        .layer(l -> l.file("arch", "amd64"))
        .alsoPlatform(ImageBuilder.image().platform("linux/arm64/v8").layer(l -> l.file("arch", "arm64")))
        .nestedIndex();
  }

  private static String archOf(ImageSource src) throws Exception {
    RecordingVisitor v = RecordingVisitor.all();
    src.walk(src.layers().get(0), v);
    return v.contents.get("arch");
  }

  @Test
  void picksPlatformFromNestedIndex() throws Exception {
    Path tar = multiPlatform(ImageBuilder.ociArchive()).write(tmp.resolve("multi.tar"));
    try (ImageSource src = Sources.open(tar, platform(null))) {
      assertThat(src.target().platform()).isEqualTo("linux/amd64");
      assertThat(archOf(src)).isEqualTo("amd64");
    }
    try (ImageSource src = Sources.open(tar, platform("linux/arm64/v8"))) {
      assertThat(src.target().platform()).isEqualTo("linux/arm64/v8");
      assertThat(src.config().variant()).isEqualTo("v8");
      assertThat(archOf(src)).isEqualTo("arm64");
    }
    try (ImageSource src = Sources.open(tar, platform("linux/arm64"))) {
      assertThat(archOf(src)).isEqualTo("arm64");
    }
    assertThatThrownBy(() -> Sources.open(tar, platform("linux/s390x")))
        .isInstanceOf(DrydockException.class)
        .hasMessage(tar + ": no image for platform linux/s390x; available: linux/amd64, linux/arm64/v8");
  }

  @Test
  void picksPlatformInLayoutDirectoryWithFlatIndex() throws Exception {
    ImageBuilder b = ImageBuilder.ociLayout().platform("linux/amd64").layer(l -> l.file("arch", "amd64"))
        .alsoPlatform(ImageBuilder.image().platform("linux/arm64/v8").layer(l -> l.file("arch", "arm64")));
    Path dir = b.write(tmp.resolve("flat"));
    try (ImageSource src = Sources.open(dir, platform("linux/arm64/v8"))) {
      assertThat(archOf(src)).isEqualTo("arm64");
    }
  }

  @Test
  void severalPlatformsWithoutAmd64NeedAChoice() throws Exception {
    Path tar = ImageBuilder.ociArchive().platform("linux/arm64/v8").layer(l -> l.file("arch", "arm64"))
        .alsoPlatform(ImageBuilder.image().platform("linux/arm/v7").layer(l -> l.file("arch", "arm")))
        .nestedIndex().write(tmp.resolve("arm.tar"));
    assertThatThrownBy(() -> Sources.open(tar, platform(null)))
        .isInstanceOf(DrydockException.class)
        .hasMessage(tar + ": the index holds several platforms and none is linux/amd64; choose one of: "
            + "linux/arm64/v8, linux/arm/v7");
    try (ImageSource src = Sources.open(tar, platform("linux/arm/v7"))) {
      assertThat(archOf(src)).isEqualTo("arm");
    }
  }

  @Test
  void singlePlatformIsTakenByDefault() throws Exception {
    Path dir = ImageBuilder.ociLayout().platform("linux/arm64/v8").layer(l -> l.file("arch", "arm64"))
        .write(tmp.resolve("one"));
    try (ImageSource src = Sources.open(dir, platform(null))) {
      assertThat(archOf(src)).isEqualTo("arm64");
    }
  }

  @Test
  void unknownLayerMediaTypeIsRejected() throws Exception {
    ImageBuilder img = ImageBuilder.ociLayout()
        .layer(l -> l.file("a", "a"))
        .layerMediaType(0, "application/vnd.example.weird.v1+json");
    Path dir = img.write(tmp.resolve("weird"));
    assertThatThrownBy(() -> Sources.open(dir, platform(null)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + dir
            + ": unsupported layer media type application/vnd.example.weird.v1+json");
  }

  @Test
  void tamperedBlobFailsTheDigestCheckEvenWhenNothingIsWanted() throws Exception {
    ImageBuilder img = ImageBuilder.ociLayout()
        .layer(Compression.NONE, l -> l.file("a", "a"))
        .layer(Compression.NONE, l -> l.file("etc/passwd", "root:x:0:0\n"))
        .tamperLayer(1, b -> {
          byte[] c = b.clone();
          c[c.length - 1] = 1; // a byte of the end-of-archive padding: the tar still parses
          return c;
        });
    Path dir = img.write(tmp.resolve("tampered"));
    try (ImageSource src = Sources.open(dir, platform(null))) {
      src.walk(src.layers().get(0), RecordingVisitor.none());
      assertThatThrownBy(() -> src.walk(src.layers().get(1), RecordingVisitor.none()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 1 (" + img.layerDigest(1).substring(0, 19) + ") of " + dir
              + ": digest mismatch: expected " + img.layerDigest(1) + ", got sha256:");
    }
  }

  @Test
  void tamperedConfigIsRejectedAtOpen() throws Exception {
    ImageBuilder img = ImageBuilder.ociLayout().layer(l -> l.file("a", "a")).user("root");
    Path dir = img.write(tmp.resolve("cfg"));
    Path config = dir.resolve("blobs/sha256/" + img.configDigest().substring(7));
    java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config).replace("root", "toor"));
    assertThatThrownBy(() -> Sources.open(dir, platform(null)))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(dir + ": config blobs/sha256/" + img.configDigest().substring(7)
            + ": digest mismatch: expected " + img.configDigest() + ", got sha256:");
  }
}
