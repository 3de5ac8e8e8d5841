package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.daemon.KnownImages;
import dev.drydock.image.ImageSource;
import dev.drydock.image.Limits;
import dev.drydock.image.SourceOptions;
import dev.drydock.image.Sources;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.targets.ScanTarget;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the stored inventories tell drydock-daemon about an image by its config digest: the config and layers an
 * earlier scan read (so an unchanged daemon image need not be exported), and nothing when the stored copy could
 * differ from the image (secrets in its config were redacted in it).
 */
class StoredImagesTest {
  static final Path DEMO = Path.of("../examples/demo-app.tar");
  static final String DEMO_ID = "sha256:7ae36cc40c28d560459f7c21af8a5d82c3c05a98ee4f76798fa6941cdfa7dc80";

  @TempDir Path tmp;

  @Test
  void aScannedImageIsKnownByItsConfigDigestWithTheConfigAndLayersItHas() throws Exception {
    Path cache = tmp.resolve("cache");
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      drydock.inventory(new ScanTarget.ArchiveFile(DEMO), true);
    }
    try (Stores stores = Stores.sqlite(cache);
        ImageSource file = Sources.open(DEMO, new SourceOptions(null, Limits.DEFAULT, tmp.resolve("s")))) {
      StoredImages known = new StoredImages(stores.inventories());
      Optional<KnownImages.Known> k = known.find(DEMO_ID);
      assertThat(k).isPresent();
      assertThat(k.get().config()).isEqualTo(file.config());
      assertThat(k.get().layers()).isEqualTo(file.layers());
      assertThat(k.get().platform()).isEqualTo(file.target().platform());
      assertThat(known.find("sha256:" + "0".repeat(64))).isEmpty();
    }
  }

  @Test
  void anImageWithASecretInItsConfigIsNotKnown() throws Exception {
    Path cache = tmp.resolve("cache");
    ImageBuilder b = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
        .history("ADD rootfs /")
        .env("PATH=/usr/bin", "AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2");
    Path image = b.write(tmp.resolve("secret.tar"));
    try (Drydock drydock = Drydock.open(Drydock.Config.of(cache))) {
      assertThat(drydock.inventory(new ScanTarget.ArchiveFile(image), true).secrets())
          .as("the config's secret is found").anyMatch(s -> s.path().equals(ConfigRedaction.ENV));
    }
    try (Stores stores = Stores.sqlite(cache)) {
      // its stored config is redacted: the daemon must export the image so its config is read again
      assertThat(new StoredImages(stores.inventories()).find(b.configDigest())).isEmpty();
    }
  }
}
