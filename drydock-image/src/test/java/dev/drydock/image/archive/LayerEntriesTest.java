package dev.drydock.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.ImageSource;
import dev.drydock.image.LayerVisitor;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: entries per layer are bounded ({@link LayerWalker#MAX_ENTRIES}), not only the layer's bytes. The bound
 * is lowered here: a layer past the real one would take gigabytes to build.
 */
class LayerEntriesTest {
  @TempDir Path tmp;

  @Test
  void aLayerWithMoreEntriesThanTheBoundIsOneLineNamingTheLayer() throws Exception {
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("a", "1").file("b", "2").file("c", "3").file("d", "4").file("e", "5"));
    Path tar = img.write(tmp.resolve("many.tar"));
    List<String> seen = new ArrayList<>();
    LayerVisitor visitor = new LayerVisitor() {
      @Override
      public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
        seen.add(path);
      }

      @Override
      public boolean wants(String path, long size, int mode) {
        return false;
      }

      @Override
      public void file(String path, long size, int mode, InputStream content) {}
    };
    try (ImageSource src = Sources.open(tar, new SourceOptions(null, Limits.DEFAULT, tmp.resolve("scratch")))) {
      ArchiveImageSource archive = (ArchiveImageSource) src;
      archive.maxEntries = 1_000; // all fit
      archive.walk(src.layers().get(0), visitor);
      int all = seen.size();
      assertThat(all).isGreaterThanOrEqualTo(5);
      archive.maxEntries = all - 1;
      assertThatThrownBy(() -> archive.walk(src.layers().get(0), visitor))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 0 (" + img.layerDigest(0).substring(0, 19) + ") of " + tar + ": entry ")
          .hasMessageEndingWith(": the layer has more than " + (all - 1) + " entries (limit)");
    }
  }
}
