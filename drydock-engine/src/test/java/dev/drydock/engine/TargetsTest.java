package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.targets.ScanTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one target syntax of every front end. */
class TargetsTest {
  @TempDir Path tmp;

  @Test
  void schemesForceTheSource() throws Exception {
    assertThat(Targets.parse("registry:nginx:1.25")).isEqualTo(new ScanTarget.RegistryImage(
        dev.drydock.model.targets.ImageReference.parse("docker.io/library/nginx:1.25")));
    assertThat(Targets.parse("docker:app:latest")).isInstanceOf(ScanTarget.DaemonImage.class)
        .extracting(t -> ((ScanTarget.DaemonImage) t).daemon()).isEqualTo(ScanTarget.Daemon.DOCKER);
    assertThat(Targets.parse("podman:app").kind()).isEqualTo("podman");
    assertThat(Targets.parse("containerd:app").kind()).isEqualTo("containerd");
    Path tar = Files.copy(Path.of("../examples/demo-app.tar"), tmp.resolve("a.tar"));
    assertThat(Targets.parse("docker-archive:" + tar)).isEqualTo(new ScanTarget.ArchiveFile(tar));
    assertThat(Targets.parse("oci-archive:" + tar)).isEqualTo(new ScanTarget.ArchiveFile(tar));
    Path dir = Files.createDirectories(tmp.resolve("src"));
    assertThat(Targets.parse("dir:" + dir)).isEqualTo(new ScanTarget.SourceDirectory(dir));
    assertThatThrownBy(() -> Targets.parse("dir:" + tar)).hasMessageContaining("is not a directory");
    assertThatThrownBy(() -> Targets.parse("docker-archive:" + dir)).hasMessageContaining("not an archive file");
    assertThatThrownBy(() -> Targets.parse("oci-dir:" + dir)).hasMessageContaining("not an OCI image layout");
    assertThatThrownBy(() -> Targets.parse("registry:")).hasMessageContaining("no image reference");
  }

  @Test
  void anExistingPathIsReadAndAnythingElseThatParsesIsAReference() throws Exception {
    Path tar = Files.copy(Path.of("../examples/demo-app.tar"), tmp.resolve("b.tar"));
    assertThat(Targets.parse(tar.toString())).isEqualTo(new ScanTarget.ArchiveFile(tar));
    assertThat(Targets.parse("nginx:1.25").display()).isEqualTo("docker.io/library/nginx:1.25");
    ScanTarget pinned = Targets.parse("localhost:5000/a/b@sha256:" + "a".repeat(64));
    assertThat(pinned).isInstanceOf(ScanTarget.RegistryImage.class);
    assertThat(pinned.display()).isEqualTo("localhost:5000/a/b@sha256:" + "a".repeat(64));
  }

  @Test
  void aMissingFileIsNotMistakenForAReference() {
    for (String missing : new String[] {tmp.resolve("gone.tar").toString(), "./gone", "gone.tar", "gone.tar.gz"}) {
      assertThatThrownBy(() -> Targets.parse(missing)).isInstanceOf(DrydockException.class)
          .hasMessageContaining("no such file or directory");
    }
    assertThatThrownBy(() -> Targets.parse("Not A Reference!")).isInstanceOf(DrydockException.class);
  }

  @Test
  void rescanKeepsAGonePathAPath() {
    assertThat(Targets.missingLocalPath("./gone.tar")).isEqualTo(Path.of("./gone.tar"));
    assertThat(Targets.missingLocalPath("docker-archive:/nowhere/x")).isEqualTo(Path.of("/nowhere/x"));
    assertThat(Targets.missingLocalPath("nginx:1.25")).isNull();
  }
}
