package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile images (issue 18): each input is built here, and each must be bad input, never an empty result. */
class HostileImageTest {
  @TempDir Path tmp;

  private SourceOptions options() {
    return new SourceOptions(null, Limits.DEFAULT, tmp.resolve("scratch"));
  }

  private Path layout(String name) throws Exception {
    return ImageBuilder.ociLayout().layer(l -> l.file("etc/os-release", "ID=alpine\n")).write(tmp.resolve(name));
  }

  // ---- broken OCI layouts are errors, not empty source directories ----

  @Test
  void layoutWithoutOciLayoutFileIsAnError() throws Exception {
    Path dir = layout("no-marker");
    Files.delete(dir.resolve("oci-layout"));
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage("broken OCI image layout " + dir + ": has no oci-layout");
  }

  @Test
  void indexJsonThatIsADirectoryIsAnError() throws Exception {
    Path dir = layout("index-dir");
    Files.delete(dir.resolve("index.json"));
    Files.createDirectory(dir.resolve("index.json"));
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage("broken OCI image layout " + dir + ": index.json is a directory, not a regular file");
  }

  @Test
  void indexJsonLinkedToDevZeroIsAnError() throws Exception {
    Path dir = layout("index-zero");
    Files.delete(dir.resolve("index.json"));
    Files.createSymbolicLink(dir.resolve("index.json"), Path.of("/dev/zero"));
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("index.json is not a regular file");
  }

  @Test
  void indexJsonThatIsAFifoIsAnErrorAndNeverOpened() throws Exception {
    Path dir = layout("index-fifo");
    Files.delete(dir.resolve("index.json"));
    Process p = new ProcessBuilder("mkfifo", dir.resolve("index.json").toString()).start();
    assertThat(p.waitFor()).isZero();
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("index.json is not a regular file");
  }

  @Test
  void aSourceTreeWithAnIndexJsonButNoBlobsIsStillASourceTree() throws Exception {
    Path dir = tmp.resolve("web");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.json"), "{}");
    try (ImageSource src = Sources.open(dir, options())) {
      assertThat(src.target().kind()).isEqualTo("source");
    }
  }

  // ---- the tar structure of a layer is checked, even when the manifest was made for the bytes ----

  private ImageSource image(String name, Compression c, UnaryOperator<byte[]> edit) throws Exception {
    Path dir = ImageBuilder.ociLayout()
        .layer(c, l -> l.file("a", "x".repeat(100)).file("lib/apk/db/installed", "P:musl\nV:1.2\n\n"))
        .editLayerTar(0, edit)
        .write(tmp.resolve(name));
    return Sources.open(dir, options());
  }

  private void walkFails(String name, Compression c, UnaryOperator<byte[]> edit, String message) throws Exception {
    try (ImageSource src = image(name, c, edit)) {
      assertThatThrownBy(() -> src.walk(src.layers().get(0), RecordingVisitor.all()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 0 (")
          .hasMessageContaining(message);
    }
  }

  @Test
  void aOneByteLayerIsNotAnEmptyLayer() throws Exception {
    walkFails("one", Compression.GZIP, t -> new byte[] {'x'}, "truncated tar: the stream ends inside the header at offset 0");
  }

  @Test
  void a511ByteLayerIsNotAnEmptyLayer() throws Exception {
    walkFails("b511", Compression.NONE, t -> new byte[511], "truncated tar: the stream ends inside the header at offset 0");
  }

  @Test
  void aLayerTruncatedInsideAHeaderIsAnError() throws Exception {
    // a: header 0-511, data 512-1023; the second header starts at 1024
    walkFails("cut-header", Compression.GZIP, t -> Arrays.copyOf(t, 1024 + 100),
        "truncated tar: the stream ends inside the header at offset 1024 (after a)");
  }

  @Test
  void aLayerTruncatedInsideDataIsAnError() throws Exception {
    walkFails("cut-data", Compression.ZSTD, t -> Arrays.copyOf(t, 512 + 50),
        "truncated tar: the stream ends inside the data of a (462 bytes missing)");
  }

  @Test
  void aHeaderWithAWrongChecksumIsAnError() throws Exception {
    walkFails("checksum", Compression.GZIP, t -> {
      byte[] b = t.clone();
      b[1024 + 2] ^= 0x01; // a letter of the second entry's name, checksum left as it was
      return b;
    }, "tar header checksum mismatch at offset 1024 (after a)");
  }

  @Test
  void aLayerEndingAtABlockBoundaryWithoutEndBlocksIsReadAsGoDoes() throws Exception {
    try (ImageSource src = image("no-eof-blocks", Compression.GZIP, t -> Arrays.copyOf(t, 2048))) {
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(0), v);
      assertThat(v.contents).containsOnlyKeys("a", "lib/apk/db/installed");
    }
  }

  // ---- the outer tar's headers are checked too ----

  @Test
  void anOuterTarHeaderWithAWrongChecksumIsAnError() throws Exception {
    Path tar = ImageBuilder.dockerArchive().layer(l -> l.file("etc/os-release", "ID=alpine\n")).write(tmp.resolve("img.tar"));
    byte[] b = Files.readAllBytes(tar);
    long size = Long.parseLong(new String(b, 124, 11, java.nio.charset.StandardCharsets.US_ASCII).trim(), 8);
    int second = (int) (512 + (size + 511) / 512 * 512);
    b[second + 265] = 'a'; // the owner name of the second entry: unused, but covered by its checksum
    Files.write(tar, b);
    assertThatThrownBy(() -> Sources.open(tar, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a container image: " + tar + " (corrupt tar: header checksum mismatch at offset " + second
            + " (after " + new String(b, 0, 64, java.nio.charset.StandardCharsets.US_ASCII) + "/layer.tar))");
  }

  @Test
  void anOuterTarTruncatedInsideAnEntryIsAnError() throws Exception {
    Path tar = ImageBuilder.dockerArchive().layer(l -> l.file("etc/os-release", "ID=alpine\n")).write(tmp.resolve("cut.tar"));
    byte[] b = Files.readAllBytes(tar);
    Files.write(tar, Arrays.copyOf(b, 700));
    assertThatThrownBy(() -> Sources.open(tar, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessageEndingWith("(corrupt tar: truncated inside the data of "
            + new String(b, 0, 64, java.nio.charset.StandardCharsets.US_ASCII) + "/layer.tar)");
  }

  // ---- bounds on the image config and on indexes ----

  @Test
  void aHistoryCommandIsCutWhereItIsCopiedIntoEveryPackage() throws Exception {
    String command = "RUN echo " + "y".repeat(100_000);
    Path dir = ImageBuilder.ociLayout().layer(l -> l.file("a", "a")).history(command).write(tmp.resolve("long-cmd"));
    try (ImageSource src = Sources.open(dir, options())) {
      String kept = src.layers().get(0).createdBy();
      assertThat(kept).hasSize(Layer.MAX_CREATED_BY + " ... [95913 more characters cut by drydock]".length());
      assertThat(kept).startsWith("RUN echo yyy").endsWith(" ... [95913 more characters cut by drydock]");
      assertThat(src.config().history().get(0).createdBy()).isEqualTo(command);
    }
  }

  @Test
  void tooManyHistoryEntriesAreBadInput() throws Exception {
    ImageBuilder img = ImageBuilder.ociLayout().layer(l -> l.file("a", "a")).history("ADD a /");
    for (int i = 0; i < 10_000; i++) {
      img.emptyHistory("ENV X" + i + "=1");
    }
    Path dir = img.write(tmp.resolve("history"));
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessageEndingWith(": image config has more than 10000 history entries (10001)");
  }

  @Test
  void tooManyEnvEntriesAreBadInput() throws Exception {
    String[] env = new String[10_001];
    Arrays.setAll(env, i -> "V" + i + "=x");
    Path dir = ImageBuilder.ociLayout().layer(l -> l.file("a", "a")).env(env).write(tmp.resolve("env"));
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessageEndingWith(": image config has more than 10000 Env entries (10001)");
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Replaces index.json by a chain of {@code levels} indexes, each listing the one below {@code width} times. */
  private static void fanOut(Path dir, int levels, int width) throws Exception {
    com.fasterxml.jackson.databind.JsonNode desc = JSON.readTree(dir.resolve("index.json").toFile()).path("manifests").get(0);
    for (int level = 0; level < levels; level++) {
      com.fasterxml.jackson.databind.node.ObjectNode idx = JSON.createObjectNode();
      idx.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
      com.fasterxml.jackson.databind.node.ArrayNode list = idx.putArray("manifests");
      for (int i = 0; i < width; i++) {
        list.add(desc);
      }
      byte[] bytes = JSON.writeValueAsBytes(idx);
      if (level == levels - 1) {
        Files.write(dir.resolve("index.json"), bytes);
      } else {
        String digest = ImageBuilder.sha256(bytes);
        Files.write(dir.resolve("blobs/sha256/" + digest.substring(7)), bytes);
        desc = JSON.createObjectNode().put("mediaType", "application/vnd.oci.image.index.v1+json")
            .put("digest", digest).put("size", bytes.length);
      }
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void anIndexFanningOutIsReadOncePerIndex() throws Exception {
    Path dir = layout("fan-out");
    fanOut(dir, 4, 200); // index.json and 3 nested levels, each listing the next 200 times
    try (ImageSource src = Sources.open(dir, options())) {
      assertThat(src.layers()).hasSize(1);
    }
  }

  @Test
  void tooManyManifestDescriptorsAreBadInput() throws Exception {
    Path dir = layout("wide");
    fanOut(dir, 1, 1_001);
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage(dir + ": image indexes list more than 1000 manifests");
  }

  @Test
  void indexesNestedTooDeeplyAreBadInput() throws Exception {
    Path dir = layout("deep");
    fanOut(dir, 6, 1); // index.json and 5 nested levels
    assertThatThrownBy(() -> Sources.open(dir, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage(dir + ": image indexes nested more than 4 levels deep");
  }
}
