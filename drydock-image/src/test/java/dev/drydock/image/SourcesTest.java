package dev.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir Path tmp;

  private final SourceOptions options = new SourceOptions(null, Limits.DEFAULT, null);

  @Test
  void nonImageFileIsRejected() throws Exception {
    Path f = Files.writeString(tmp.resolve("notes.txt"), "just some text, not a tar\n".repeat(40));
    assertThatThrownBy(() -> Sources.open(f, options))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a container image: " + f + " (not a tar archive)");
  }

  @Test
  void gzippedNonTarIsRejected() throws Exception {
    Path f = tmp.resolve("notes.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
      o.write("hello\n".repeat(200).getBytes());
    }
    Path scratch = tmp.resolve("scratch");
    assertThatThrownBy(() -> Sources.open(f, new SourceOptions(null, Limits.DEFAULT, scratch)))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a container image: " + f + " (not a tar archive)");
    assertThat(Files.list(scratch).count()).isZero();
  }

  @Test
  void detectGivesATypedTargetWhoseKindIsTheResultsKind() throws Exception {
    Path img = ImageBuilder.dockerArchive().layer(l -> l.file("a", "a")).write(tmp.resolve("img.tar"));
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("os-release"), "ID=debian\n");
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("package-lock.json"), "{}");
    assertThat(Sources.detect(img)).isEqualTo(new dev.drydock.model.targets.ScanTarget.ArchiveFile(img));
    assertThat(Sources.detect(rootfs.getParent())).isInstanceOf(dev.drydock.model.targets.ScanTarget.RootFilesystem.class);
    assertThat(Sources.detect(src)).isInstanceOf(dev.drydock.model.targets.ScanTarget.SourceDirectory.class);
    for (Path p : java.util.List.of(rootfs.getParent(), src)) {
      var target = Sources.detect(p);
      try (ImageSource s = Sources.open(target, options)) {
        assertThat(s.target().kind()).isEqualTo(target.kind());
      }
    }
    try (ImageSource s = Sources.open(Sources.detect(img), options)) {
      assertThat(s.target().kind()).isEqualTo("docker-archive");
    }
  }

  @Test
  void aRegistryImageIsRefusedUntilRegistriesAreSupported() {
    var ref = dev.drydock.model.targets.ImageReference.parse("ghcr.io/org/app:1.0");
    assertThatThrownBy(() -> Sources.open(new dev.drydock.model.targets.ScanTarget.RegistryImage(ref), options))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("cannot scan ghcr.io/org/app:1.0: registry images are not supported yet");
  }

  @Test
  void missingPathIsRejected() {
    Path f = tmp.resolve("nope.tar");
    assertThatThrownBy(() -> Sources.open(f, options))
        .isInstanceOf(DrydockException.class)
        .hasMessage("cannot open " + f + ": no such file or directory");
  }

  @Test
  void tarWithoutManifestIsRejected() throws Exception {
    Path img = ImageBuilder.dockerArchive().layer(l -> l.file("a", "a")).write(tmp.resolve("img.tar"));
    Path stripped = TarEdit.drop(img, tmp.resolve("stripped.tar"), n -> n.equals("manifest.json"));
    assertThatThrownBy(() -> Sources.open(stripped, options))
        .isInstanceOf(DrydockException.class)
        .hasMessage("not a container image: " + stripped + " (no manifest.json or index.json)");
  }

  @Test
  void rootfsWalkSkipsTheKernelFilesystemsOfALiveSystemButASourceTreeDoesNot() throws Exception {
    for (String kind : new String[] {"rootfs", "source"}) {
      Path root = Files.createDirectories(tmp.resolve(kind));
      if (kind.equals("rootfs")) {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\n");
      }
      for (String f : new String[] {"proc/1/status", "sys/kernel/notes", "dev/null-ish", "srv/proc/keep"}) {
        Files.createDirectories(root.resolve(f).getParent());
        Files.writeString(root.resolve(f), "x\n");
      }
      java.util.List<String> seen = new java.util.ArrayList<>();
      try (ImageSource src = Sources.open(root, new SourceOptions(null, Limits.DEFAULT, tmp.resolve("scratch")))) {
        assertThat(src.target().kind()).isEqualTo(kind);
        src.walk(src.layers().get(0), new LayerVisitor() {
          @Override
          public void entry(String path, EntryType type, long size, int mode, int uid, int gid) {
            if (type == EntryType.FILE) {
              seen.add(path);
            }
          }

          @Override
          public boolean wants(String path, long size, int mode) {
            return false;
          }

          @Override
          public void file(String path, long size, int mode, java.io.InputStream content) {}
        });
      }
      if (kind.equals("rootfs")) {
        assertThat(seen).containsExactlyInAnyOrder("etc/os-release", "srv/proc/keep");
      } else {
        assertThat(seen).containsExactlyInAnyOrder("proc/1/status", "sys/kernel/notes", "dev/null-ish", "srv/proc/keep");
      }
    }
  }

  @Test
  void rootfsAndSourceDirectoriesAreDetectedByContent() throws Exception {
    Path rootfs = tmp.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("var/lib/dpkg"));
    Path source = tmp.resolve("src");
    Files.createDirectories(source.resolve("lib"));
    Files.writeString(source.resolve("package.json"), "{}");
    try (ImageSource r = Sources.open(rootfs, options); ImageSource s = Sources.open(source, options)) {
      assertThat(r.target().kind()).isEqualTo("rootfs");
      assertThat(s.target().kind()).isEqualTo("source");
      assertThat(r.config()).isNull();
      assertThat(r.layers()).containsExactly(new Layer(0, null, null, null, -1, null));
      assertThat(r.target().manifestDigest()).isNull();
    }
    // a dangling os-release symlink still marks a root filesystem (not followed)
    Path linked = tmp.resolve("linked");
    Files.createDirectories(linked.resolve("etc"));
    Files.createSymbolicLink(linked.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
    try (ImageSource l = Sources.open(linked, options)) {
      assertThat(l.target().kind()).isEqualTo("rootfs");
    }
  }

  @Test
  void directoryWalkReportsSymlinksWithoutFollowingThem() throws Exception {
    Path root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=test\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "do not read");
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Files.createSymbolicLink(root.resolve("etc/alias"), Path.of("os-release"));
    Path tool = Files.writeString(root.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
    try (ImageSource src = Sources.open(root, options)) {
      assertThat(src.target().kind()).isEqualTo("rootfs");
      RecordingVisitor v = RecordingVisitor.all();
      src.walk(src.layers().get(0), v);
      assertThat(v.contents).containsOnlyKeys("etc/os-release", "tool");
      assertThat(v.contents.get("etc/os-release")).isEqualTo("ID=test\n");
      assertThat(v.events).contains("symlink escape -> " + outside, "symlink etc/alias -> os-release");
      assertThat(v.events).filteredOn(e -> e.startsWith("entry tool ")).singleElement().asString()
          .startsWith("entry tool FILE 10 750 ");
      assertThat(v.events).filteredOn(e -> e.startsWith("entry escape ")).singleElement().asString()
          .startsWith("entry escape SYMLINK");
      assertThat(v.events).noneMatch(e -> e.contains("secret"));
    }
  }

  @Test
  void ociLayoutDirectoryWinsOverSourceDetection() throws Exception {
    Path dir = ImageBuilder.ociLayout().layer(l -> l.file("a", "a")).write(tmp.resolve("layout"));
    try (ImageSource src = Sources.open(dir, options)) {
      assertThat(src.target().kind()).isEqualTo("oci-layout");
    }
  }
}
