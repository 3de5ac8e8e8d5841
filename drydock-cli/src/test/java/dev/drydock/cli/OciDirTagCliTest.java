package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.image.testing.ImageBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oci-dir:PATH:TAG}: a layout holding two images, tagged {@code 1.0} (Debian 12) and {@code 2.0} (Alpine
 * 3.19) by the {@code org.opencontainers.image.ref.name} annotation skopeo writes; each tag scans its own image,
 * and a tag that is not there is one line naming the tags present, exit 2.
 */
class OciDirTagCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  Path layout;

  @BeforeEach
  void twoTaggedImages() throws Exception {
    layout = tmp.resolve("two");
    Path other = tmp.resolve("other");
    ImageBuilder.ociLayout().layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).write(layout);
    ImageBuilder.ociLayout().layer(l -> l.file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")).write(other);
    try (Stream<Path> blobs = Files.list(other.resolve("blobs/sha256"))) {
      for (Path b : blobs.toList()) {
        Path to = layout.resolve("blobs/sha256").resolve(b.getFileName());
        if (!Files.exists(to)) {
          Files.copy(b, to);
        }
      }
    }
    ObjectNode index = (ObjectNode) JSON.readTree(layout.resolve("index.json").toFile());
    ArrayNode manifests = (ArrayNode) index.get("manifests");
    ((ObjectNode) manifests.get(0)).putObject("annotations").put("org.opencontainers.image.ref.name", "1.0");
    ObjectNode second = (ObjectNode) JSON.readTree(other.resolve("index.json").toFile()).get("manifests").get(0);
    second.putObject("annotations").put("org.opencontainers.image.ref.name", "2.0");
    manifests.add(second);
    Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  private JsonNode scan(String target) throws Exception {
    Path out = tmp.resolve("r-" + System.nanoTime() + ".json");
    Cli.Run r = Cli.run("scan", target, "--cache-dir", tmp.resolve("cache").toString(), "--scanners", "secret",
        "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    return JSON.readTree(out.toFile());
  }

  @Test
  void eachTagScansItsOwnImage() throws Exception {
    JsonNode one = scan("oci-dir:" + layout + ":1.0");
    JsonNode two = scan("oci-dir:" + layout + ":2.0");
    assertThat(one.at("/os/family").asText()).as(one.path("os").toString()).isEqualTo("debian");
    assertThat(two.at("/os/family").asText()).as(two.path("os").toString()).isEqualTo("alpine");
    assertThat(one.at("/target/manifestDigest").asText()).isNotEqualTo(two.at("/target/manifestDigest").asText());
    // a second scan of the first tag (warm) is still the first image, not the last one scanned in this layout
    assertThat(scan("oci-dir:" + layout + ":1.0").at("/os/family").asText()).isEqualTo("debian");
  }

  @Test
  void anAbsentTagIsOneLineNamingTheTagsPresent() {
    Cli.Run r = Cli.run("scan", "oci-dir:" + layout + ":3.0", "--cache-dir", tmp.resolve("cache").toString(),
        "--scanners", "secret");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.err()).contains("no image tagged '3.0'").contains("tags present: 1.0, 2.0")
        .doesNotContain("Exception");
  }
}
