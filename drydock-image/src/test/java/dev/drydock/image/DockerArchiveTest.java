package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ImageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
  @TempDir Path tmp;

  private SourceOptions options() {
    return new SourceOptions(null, Limits.DEFAULT, tmp.resolve("scratch"));
  }

  private static ImageBuilder twoLayerImage() {
    return ImageBuilder.dockerArchive()
        .layer(l -> l.dir("etc").file("etc/os-release", "ID=alpine\n").file("etc/motd", "hi\n"))
        .history("ADD rootfs.tar /")
        .emptyHistory("ENV PATH=/usr/bin")
        .emptyHistory("LABEL a=b")
        .layer(l -> l.whiteout("etc/motd").file("app/run.sh", "#!/bin/sh\n"))
        .history("RUN rm /etc/motd")
        .emptyHistory("CMD [\"/app/run.sh\"]")
        .user("app").env("PATH=/usr/bin", "A=1").exposedPort("8080/tcp").entrypoint("/bin/sh", "-c")
        .cmd("/app/run.sh").workingDir("/app").label("org.opencontainers.image.version", "1.2")
        .healthcheck("CMD-SHELL", "true").repoTag("demo:1.0");
  }

  @Test
  void readsPlainDockerArchiveMetadataAndLayers() throws Exception {
    ImageBuilder img = twoLayerImage();
    Path tar = img.write(tmp.resolve("img.tar"));
    try (ImageSource src = Sources.open(tar, options())) {
      assertThat(src.target().kind()).isEqualTo("docker-archive");
      assertThat(src.target().name()).isEqualTo(tar.toString());
      assertThat(src.target().configDigest()).isEqualTo(img.configDigest());
      assertThat(src.target().repoTags()).containsExactly("demo:1.0");
      assertThat(src.target().platform()).isEqualTo("linux/amd64");
      ImageConfig c = src.config();
      assertThat(c.user()).isEqualTo("app");
      assertThat(c.env()).containsExactly("PATH=/usr/bin", "A=1");
      assertThat(c.exposedPorts()).containsExactly("8080/tcp");
      assertThat(c.entrypoint()).containsExactly("/bin/sh", "-c");
      assertThat(c.cmd()).containsExactly("/app/run.sh");
      assertThat(c.workingDir()).isEqualTo("/app");
      assertThat(c.labels()).isEqualTo(Map.of("org.opencontainers.image.version", "1.2"));
      assertThat(c.healthcheck()).containsExactly("CMD-SHELL", "true");
      assertThat(c.history()).hasSize(5);
      assertThat(c.history().get(1).emptyLayer()).isTrue();
      assertThat(src.layers()).hasSize(2);
      Layer l0 = src.layers().get(0);
      Layer l1 = src.layers().get(1);
      assertThat(l0.diffId()).isEqualTo(img.diffId(0));
      assertThat(l0.digest()).isEqualTo(img.diffId(0));
      assertThat(l1.diffId()).isEqualTo(img.diffId(1));
      assertThat(l0.createdBy()).isEqualTo("ADD rootfs.tar /");
      assertThat(l1.createdBy()).isEqualTo("RUN rm /etc/motd");
      assertThat(l0.size()).isPositive();

      RecordingVisitor v0 = new RecordingVisitor(p -> p.equals("etc/os-release"));
      src.walk(l0, v0);
      assertThat(v0.contents).isEqualTo(Map.of("etc/os-release", "ID=alpine\n"));
      assertThat(v0.events).containsExactly(
          "entry etc DIRECTORY 0 755 0:0",
          "entry etc/os-release FILE 10 644 0:0",
          "entry etc/motd FILE 3 644 0:0");
      RecordingVisitor v1 = RecordingVisitor.all();
      src.walk(l1, v1);
      assertThat(v1.events).containsExactly("whiteout etc/motd", "entry app/run.sh FILE 10 644 0:0");
      assertThat(v1.contents).containsEntry("app/run.sh", "#!/bin/sh\n").doesNotContainKey("etc/.wh.motd");
    }
  }

  @Test
  void readsGzippedOuterArchiveAndDeletesTheScratchCopyOnClose() throws Exception {
    ImageBuilder img = twoLayerImage().gzipOuter();
    Path tgz = img.write(tmp.resolve("img.tar.gz"));
    assertThat(Files.readAllBytes(tgz)[0] & 0xff).isEqualTo(0x1f);
    ImageSource src = Sources.open(tgz, options());
    try (src) {
      assertThat(src.target().kind()).isEqualTo("docker-archive");
      assertThat(src.target().configDigest()).isEqualTo(img.configDigest());
      assertThat(Files.list(tmp.resolve("scratch")).count()).isEqualTo(1);
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(0), v);
      assertThat(v.contents).containsEntry("etc/os-release", "ID=alpine\n");
    }
    assertThat(Files.list(tmp.resolve("scratch")).count()).isZero();
  }

  @Test
  void readsDocker25LayoutWithBlobsAndContentAddressedDigests() throws Exception {
    ImageBuilder img = ImageBuilder.dockerArchive().blobsLayout()
        .layer(l -> l.file("etc/debian_version", "12.5\n")).history("ADD x /")
        .layer(ImageBuilder.Compression.GZIP, l -> l.file("usr/bin/tool", "bin")).history("COPY tool /usr/bin/");
    Path tar = img.write(tmp.resolve("new.tar"));
    try (ImageSource src = Sources.open(tar, options())) {
      assertThat(src.target().kind()).isEqualTo("docker-archive");
      assertThat(src.layers()).extracting(Layer::digest).containsExactly(img.layerDigest(0), img.layerDigest(1));
      assertThat(img.layerDigest(1)).isNotEqualTo(img.diffId(1));
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(1), v);
      assertThat(v.contents).isEqualTo(Map.of("usr/bin/tool", "bin"));
    }
  }

  @Test
  void historyThatDoesNotMatchTheLayersLeavesCreatedByUnknown() throws Exception {
    Path tar = ImageBuilder.dockerArchive().layer(l -> l.file("a", "a")).layer(l -> l.file("b", "b"))
        .history("only one").write(tmp.resolve("h.tar"));
    try (ImageSource src = Sources.open(tar, options())) {
      assertThat(src.layers()).extracting(Layer::createdBy).containsExactly(null, null);
    }
  }

  @Test
  void tamperedLegacyLayerFailsTheDiffIdCheck() throws Exception {
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("a", "a"))
        .layer(l -> l.file("etc/passwd", "root:x:0:0::/root:/bin/sh\n"))
        .tamperLayer(1, b -> {
          byte[] c = b.clone();
          int i = new String(c, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("root:x");
          c[i] = 'R';
          return c;
        });
    Path tar = img.write(tmp.resolve("t.tar"));
    try (ImageSource src = Sources.open(tar, options())) {
      String shortId = img.diffId(1).substring(0, 19);
      assertThatThrownBy(() -> src.walk(src.layers().get(1), RecordingVisitor.none()))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("layer 1 (" + shortId + ") of " + tar + ": diff_id mismatch: expected "
              + img.diffId(1) + ", got sha256:");
      src.walk(src.layers().get(0), RecordingVisitor.none());
    }
  }

  @Test
  void missingLayerBlobOrDiffIdCountIsBadInput() throws Exception {
    Path tar = tmp.resolve("broken.tar");
    ImageBuilder.dockerArchive().layer(l -> l.file("a", "a")).write(tar);
    // rewrite manifest.json with one extra layer name
    Path rewritten = TarEdit.replace(tar, tmp.resolve("broken2.tar"), "manifest.json",
        s -> s.replace("\"Layers\":[", "\"Layers\":[\"nope/layer.tar\","));
    assertThatThrownBy(() -> Sources.open(rewritten, options()))
        .isInstanceOf(DrydockException.class)
        .hasMessage(rewritten + ": manifest.json lists 2 layers but the config has 1 diff_ids");
    assertThat(List.of()).isEmpty();
  }
}
