package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.DrydockException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a source tells the engine to recognise a layer's stored bytes: their hash, and the file holding them. */
class BlobIdentityTest {
  @TempDir Path tmp;

  private static final LayerVisitor NOTHING = new LayerVisitor() {
    @Override
    public boolean wants(String path, long size, int mode) {
      return false;
    }

    @Override
    public void file(String path, long size, int mode, InputStream content) {}
  };

  private SourceOptions options() {
    return new SourceOptions(null, Limits.DEFAULT, tmp.resolve("scratch"));
  }

  private static ImageBuilder twoLayers(ImageBuilder b) {
    return b.layer(Compression.GZIP, l -> l.file("etc/os-release", "ID=debian\n"))
        .layer(Compression.ZSTD, l -> l.file("opt/app", "app"))
        .history("ADD a /").history("ADD b /");
  }

  @Test
  void ociLayoutBlobsAreFilesOfTheirOwn() throws Exception {
    ImageBuilder img = twoLayers(ImageBuilder.ociLayout());
    Path dir = img.write(tmp.resolve("layout"));
    try (ImageSource src = Sources.open(dir, options())) {
      for (Layer layer : src.layers()) {
        assertThat(src.hashBlob(layer)).isEqualTo(img.layerDigest(layer.index()));
        assertThat(src.walk(layer, NOTHING)).isEqualTo(img.layerDigest(layer.index()));
        BlobOrigin origin = src.origin(layer);
        Path blob = dir.resolve("blobs/sha256/" + img.layerDigest(layer.index()).substring(7)).toAbsolutePath();
        assertThat(origin.file().path()).isEqualTo(blob);
        assertThat(origin.file().size()).isEqualTo(Files.size(blob));
        assertThat(origin.entry()).isEmpty();
        assertThat(origin.expectedDigest()).isEqualTo(img.layerDigest(layer.index()));
      }
    }
  }

  @Test
  void tarEntriesShareTheStampOfTheFileTheUserNamed() throws Exception {
    ImageBuilder img = twoLayers(ImageBuilder.dockerArchive()).gzipOuter();
    Path gz = img.write(tmp.resolve("app.tar.gz"));
    FileStamp before = FileStamp.of(gz);
    try (ImageSource src = Sources.open(gz, options())) {
      BlobOrigin first = src.origin(src.layers().get(0));
      BlobOrigin second = src.origin(src.layers().get(1));
      assertThat(first.file().sameAs(before)).isTrue();
      assertThat(second.file()).isEqualTo(first.file());
      assertThat(first.entry()).isEqualTo(img.layerDigest(0).substring(7) + "/layer.tar");
      assertThat(first.expectedDigest()).as("<id>/layer.tar promises no digest").isNull();
      assertThat(src.hashBlob(src.layers().get(1))).isEqualTo(img.layerDigest(1));
    }
  }

  @Test
  void hashingATamperedBlobNamesTheLayerAndBothDigests() throws Exception {
    ImageBuilder img = twoLayers(ImageBuilder.ociLayout()).tamperLayer(1, b -> {
      byte[] copy = b.clone();
      copy[copy.length / 2] ^= 1;
      return copy;
    });
    Path dir = img.write(tmp.resolve("layout"));
    try (ImageSource src = Sources.open(dir, options())) {
      assertThatThrownBy(() -> src.hashBlob(src.layers().get(1)))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 1 (" + img.layerDigest(1).substring(0, 19) + ") of " + dir)
          .hasMessageContaining("digest mismatch: expected " + img.layerDigest(1) + ", got sha256:");
    }
  }

  @Test
  void theStampMovesWhenOnlyCtimeDoes() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "content");
    FileStamp first = FileStamp.of(f);
    Thread.sleep(50); // past the file system's timestamp tick (a kernel tick: 1-10 ms)
    Files.setLastModifiedTime(f, Files.getLastModifiedTime(f));
    FileStamp second = FileStamp.of(f);
    assertThat(second.mtimeNanos()).isEqualTo(first.mtimeNanos());
    assertThat(second.sameAs(first)).isFalse();
  }

  @Test
  void directoriesHaveNoBlobs() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("rootfs/etc"));
    Files.writeString(root.resolve("os-release"), "ID=debian\n");
    try (ImageSource src = Sources.open(tmp.resolve("rootfs"), options())) {
      Layer only = src.layers().get(0);
      assertThat(src.origin(only)).isNull();
      assertThat(src.walk(only, NOTHING)).isNull();
      assertThatThrownBy(() -> src.hashBlob(only)).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
