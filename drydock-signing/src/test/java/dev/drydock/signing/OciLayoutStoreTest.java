package dev.drydock.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutStoreTest {
  @TempDir Path dir;

  @Test
  void brokenLayoutsAreBadInputNamingTheFile() throws Exception {
    assertThatThrownBy(() -> OciLayoutStore.open(dir)).isInstanceOf(DrydockException.class)
        .hasMessage(dir + ": not an OCI image layout (no oci-layout file)");
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThatThrownBy(() -> OciLayoutStore.open(dir)).isInstanceOf(DrydockException.class)
        .hasMessageContaining(dir.resolve("index.json") + ": missing");
    Files.writeString(dir.resolve("index.json"), "{\"manifests\": [");
    assertThatThrownBy(() -> OciLayoutStore.open(dir)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(dir.resolve("index.json") + ": not valid JSON");
    Files.writeString(dir.resolve("index.json"), "{\"manifests\":[{\"digest\":\"sha256:../../etc/passwd\"}]}");
    assertThatThrownBy(() -> OciLayoutStore.open(dir).manifests()).isInstanceOf(DrydockException.class)
        .hasMessageContaining("manifests[0]: digest 'sha256:../../etc/passwd'");
  }

  @Test
  void aLayoutWithSeveralImagesNeedsATagAndAnUnknownTagIsNamed() throws Exception {
    TestLayouts.image(dir, "1.0", "a");
    TestLayouts.image(dir, "2.0", "b");
    OciLayoutStore store = OciLayoutStore.open(dir);
    assertThatThrownBy(() -> store.image(null)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("holds 2 images; name one as oci-dir:" + dir + ":TAG");
    assertThatThrownBy(() -> store.image("3.0")).isInstanceOf(DrydockException.class)
        .hasMessageContaining("no image tagged '3.0' (tags: 2.0, 1.0)");
    assertThat(store.image("1.0").digest()).isNotEqualTo(store.image("2.0").digest());
  }

  @Test
  void writingAManifestKeepsOtherEntriesReplacesItsTagAndLeavesNoTemporaryFile() throws Exception {
    String image = TestLayouts.image(dir, "1.0", "a");
    OciLayoutStore store = OciLayoutStore.open(dir);
    Descriptor first = store.writeManifest("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Cosign.OCI_MANIFEST, null,
        "x.sig");
    Descriptor second = store.writeManifest("{\"a\":2}".getBytes(StandardCharsets.UTF_8), Cosign.OCI_MANIFEST, null,
        "x.sig");
    OciLayoutStore again = OciLayoutStore.open(dir);
    assertThat(again.tags()).containsExactly("1.0", "x.sig");
    assertThat(again.resolve("x.sig").orElseThrow().digest()).isEqualTo(second.digest()).isNotEqualTo(first.digest());
    assertThat(again.image("1.0").digest()).isEqualTo(image);
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
    }
  }
}
