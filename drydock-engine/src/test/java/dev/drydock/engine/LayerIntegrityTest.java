package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.engine.cache.LayerCache;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Layer;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a file stamp stands in for hashing a blob, and when it does not. */
class LayerIntegrityTest {
  @TempDir Path tmp;

  private static final LayerVisitor NOTHING = new LayerVisitor() {
    @Override
    public boolean wants(String path, long size, int mode) {
      return false;
    }

    @Override
    public void file(String path, long size, int mode, InputStream content) {}
  };

  private final ImageBuilder builder =
      ImageBuilder.ociLayout().layer(l -> l.file("etc/os-release", "ID=debian\n")).history("ADD / /");

  private Path image() throws IOException {
    return builder.write(tmp.resolve("oci"));
  }

  private ImageSource open(Path dir) throws IOException {
    return Sources.open(dir, new SourceOptions(null, null, tmp.resolve("scratch")));
  }

  /** Walks layer 0 and records it, as a scan that analysed it does. */
  private void walk(LayerCache cache, Path dir, Duration settle) throws IOException {
    try (ImageSource src = open(dir)) {
      LayerIntegrity integrity = new LayerIntegrity(cache, src, settle);
      Layer layer = src.layers().get(0);
      assertThat(integrity.knownByStamp(layer)).isFalse();
      integrity.walked(layer, src.walk(layer, NOTHING));
    }
  }

  private boolean knownByStamp(LayerCache cache, Path dir) throws IOException {
    try (ImageSource src = open(dir)) {
      return new LayerIntegrity(cache, src, Duration.ZERO).knownByStamp(src.layers().get(0));
    }
  }

  private boolean verify(LayerCache cache, Path dir) throws IOException {
    try (ImageSource src = open(dir)) {
      return new LayerIntegrity(cache, src, Duration.ZERO).verify(src.layers().get(0));
    }
  }

  @Test
  void anUnchangedStampStandsInForHashingUntilTheFileIsTouched() throws IOException {
    Path dir = image();
    try (LayerCache cache = LayerCache.open(tmp.resolve("cache"))) {
      walk(cache, dir, Duration.ZERO);
      assertThat(knownByStamp(cache, dir)).isTrue();

      Path blob = dir.resolve("blobs/sha256/" + builder.layerDigest(0).substring("sha256:".length()));
      // same bytes, same mtime: only ctime moves
      Files.setLastModifiedTime(blob, Files.getLastModifiedTime(blob));
      assertThat(knownByStamp(cache, dir)).isFalse();
      assertThat(verify(cache, dir)).as("re-hashed: the bytes are still the verified ones").isTrue();
      assertThat(knownByStamp(cache, dir)).as("and the new stamp is recorded").isTrue();
    }
  }

  @Test
  void aFileChangedWithinTheSettleMarginIsNotStamped() throws IOException {
    Path dir = image();
    try (LayerCache cache = LayerCache.open(tmp.resolve("cache"))) {
      walk(cache, dir, Duration.ofHours(1));
      assertThat(knownByStamp(cache, dir)).isFalse();
      assertThat(verify(cache, dir)).isTrue();
    }
  }
}
