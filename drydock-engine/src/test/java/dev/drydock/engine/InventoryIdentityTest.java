package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.Limits;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a stored inventory is found by the identity of the image at the path given to rescan (manifest and
 * config digests), so moving an image keeps it, and the platform an index was scanned for is kept.
 */
class InventoryIdentityTest {
  @TempDir Path tmp;

  private static ImageBuilder image(ImageBuilder b, String platform, String pkg) {
    return b.platform(platform)
        .layer(l -> l.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")).history("ADD rootfs.tar /")
        .layer(l -> l.file("app/node_modules/" + pkg + "/package.json",
            "{\"name\":\"" + pkg + "\",\"version\":\"1.0.0\"}")).history("RUN npm ci");
  }

  private static java.util.List<String> names(ScanResult r) {
    return r.packages().stream().map(p -> p.pkg().name()).toList();
  }

  @Test
  void aMultiPlatformIndexScannedForOnePlatformIsFoundForThatPlatformAlsoAfterAMove() throws Exception {
    ImageBuilder arm = image(ImageBuilder.image(), "linux/arm64", "arm-only");
    ImageBuilder index = image(ImageBuilder.ociArchive(), "linux/amd64", "amd-only").alsoPlatform(arm);
    Path file = index.write(tmp.resolve("multi.tar"));
    Path cache = tmp.resolve("cache");
    ScanResult scanned = new Scanner().scan(file, new ScanOptions(cache, "linux/arm64", Limits.DEFAULT, 0));
    assertThat(names(scanned)).contains("arm-only").doesNotContain("amd-only");

    assertThat(names(Inventories.load(cache, file).orElseThrow())).contains("arm-only");
    Path moved = Files.move(file, tmp.resolve("moved.tar"), StandardCopyOption.ATOMIC_MOVE);
    // moved, nothing scanned at the new path: the default platform's manifest is another image
    assertThat(Inventories.load(cache, moved)).isEmpty();
    // the old path now has nothing: the image last scanned there
    assertThat(names(Inventories.load(cache, file).orElseThrow())).contains("arm-only");
  }

  @Test
  void aMovedOciLayoutDirectoryKeepsItsInventoryUnderItsNewName() throws Exception {
    Path layout = image(ImageBuilder.ociLayout(), "linux/amd64", "lodash").write(tmp.resolve("layout"));
    Path cache = tmp.resolve("cache");
    ScanResult scanned = new Scanner().scan(layout, ScanOptions.defaults(cache));
    Path moved = Files.move(layout, tmp.resolve("renamed-layout"));
    ScanResult found = Inventories.load(cache, moved).orElseThrow();
    assertThat(found.packages()).isEqualTo(scanned.packages());
    assertThat(found.target().name()).isEqualTo(moved.toString());
    assertThat(found.target().manifestDigest()).isEqualTo(scanned.target().manifestDigest()).isNotNull();
  }
}
