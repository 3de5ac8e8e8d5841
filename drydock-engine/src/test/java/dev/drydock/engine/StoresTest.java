package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: each {@link Stores} is its own set of stores. Two of them in one JVM, scanning at once, each
 * keep only their own images' inventories; nothing is created before a store is used.
 */
class StoresTest {
  @TempDir Path tmp;

  private static ImageBuilder image(String pkg) {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")).history("ADD rootfs.tar /")
        .layer(l -> l.file("app/node_modules/" + pkg + "/package.json",
            "{\"name\":\"" + pkg + "\",\"version\":\"1.0.0\"}")).history("RUN npm ci");
  }

  @Test
  void twoStoresInOneJvmScanningAtOnceDoNotSeeEachOthersImages() throws Exception {
    ImageBuilder a = image("left-pad");
    ImageBuilder b = image("right-pad");
    Path imageA = a.write(tmp.resolve("a.tar"));
    Path imageB = b.write(tmp.resolve("b.tar"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Stores storesA = Stores.sqlite(tmp.resolve("cache-a")); Stores storesB = Stores.sqlite(tmp.resolve("cache-b"))) {
      for (int round = 0; round < 3; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        Future<ScanResult> ra = pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return new Scanner().scan(imageA, ScanOptions.defaults(storesA.cacheDir()), storesA);
        });
        Future<ScanResult> rb = pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return new Scanner().scan(imageB, ScanOptions.defaults(storesB.cacheDir()), storesB);
        });
        assertThat(names(ra.get(60, TimeUnit.SECONDS))).contains("left-pad").doesNotContain("right-pad");
        assertThat(names(rb.get(60, TimeUnit.SECONDS))).contains("right-pad").doesNotContain("left-pad");
      }
      assertThat(keys(storesA)).containsExactly("image:" + a.configDigest());
      assertThat(keys(storesB)).containsExactly("image:" + b.configDigest());
      assertThat(Inventories.find(storesA.inventories(), imageB, tmp.resolve("scratch"))).isEmpty();
      assertThat(Inventories.find(storesB.inventories(), imageB, tmp.resolve("scratch"))).isPresent();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void nothingIsCreatedBeforeAStoreIsUsedAndAClosedStoresRefuses() {
    Path dir = tmp.resolve("never-used");
    Stores stores = Stores.sqlite(dir);
    assertThat(stores.hasAdvisories()).isFalse();
    stores.close();
    assertThat(Files.exists(dir)).isFalse();
    assertThatThrownBy(stores::inventories).isInstanceOf(IllegalStateException.class);
  }

  private static List<String> names(ScanResult r) {
    return r.packages().stream().map(p -> p.pkg().name()).toList();
  }

  private static List<String> keys(Stores s) {
    List<String> out = new ArrayList<>();
    for (String k : s.inventories().scanKeys()) {
      if (!k.startsWith("inventory:")) {
        out.add(k);
      }
    }
    return out;
  }
}
