package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: an image changed after a cache already scanned it is bad input (exit 2, one line naming the
 * file and the layer or blob), as on a cold cache; the cache never answers for bytes it has not seen.
 */
class TamperedWarmCacheCliTest {
  private static final String STATUS = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 2.36-9+deb12u4\n";

  @TempDir Path tmp;

  private Cli.Run scan(Path target) {
    return Cli.run("scan", target.toString(), "--cache-dir", tmp.resolve("cache").toString(), "-f", "json");
  }

  /** Scans twice: the second answers from the cache. */
  private void coldThenWarm(Path target) {
    Cli.Run cold = scan(target);
    assertThat(cold.exit()).as(cold.toString()).isZero();
    Cli.Run warm = scan(target);
    assertThat(warm.exit()).as(warm.toString()).isZero();
    assertThat(warm.err()).contains("(0 analysed, ");
  }

  private void assertRejected(Cli.Run r, String... fragments) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("drydock: ").contains(fragments);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.stdout()).isEmpty();
  }

  /** Flips one bit in the middle of a file, in place. */
  private static void flip(Path file) throws IOException {
    flip(file, 0, Files.size(file));
  }

  private static void flip(Path file, long offset, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = offset + length / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  /** Flips one bit in the middle of a tar entry's data. */
  private static void flipEntry(Path tar, String entry) throws IOException {
    TarArchiveEntry e;
    try (TarFile t = new TarFile(tar)) {
      e = t.getEntries().stream().filter(x -> x.getName().equals(entry)).findFirst().orElseThrow();
    }
    flip(tar, e.getDataOffset(), e.getSize());
  }

  private static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  private static ImageBuilder debian(ImageBuilder b, Compression c) {
    return b.layer(c, l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n").file("var/lib/dpkg/status", STATUS))
        .history("ADD rootfs.tar /")
        .layer(c, l -> l.file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.15\"}"))
        .history("RUN npm ci");
  }

  @Test
  void demoImageWithAByteFlippedInALayerAfterAWarmScan() throws IOException {
    // the reproduction: the bundled image, one byte of layer 1 changed after two scans
    Path tar = Files.copy(Path.of("../examples/demo-app.tar"), tmp.resolve("demo-app.tar"));
    coldThenWarm(tar);
    flipEntry(tar, "f2d89c45c5fc9a3d301da0af0ae61ac38df24ef9ccb771c30ca4ddb3e94e5a64/layer.tar");
    assertRejected(scan(tar), "layer 1 (sha256:f2d89c45c5fc) of " + tar + ": diff_id mismatch");
    flipEntry(tar, "f2d89c45c5fc9a3d301da0af0ae61ac38df24ef9ccb771c30ca4ddb3e94e5a64/layer.tar");
    assertThat(scan(tar).exit()).as("the original bytes again").isZero();
  }

  @Test
  void dockerArchiveWithGzipLayers() throws IOException {
    ImageBuilder img = debian(ImageBuilder.dockerArchive(), Compression.GZIP);
    Path tar = img.write(tmp.resolve("gz-layers.tar"));
    coldThenWarm(tar);
    flipEntry(tar, hex(img.layerDigest(0)) + "/layer.tar");
    assertRejected(scan(tar), "layer 0 (sha256:", "of " + tar + ": ");
  }

  @Test
  void dockerArchiveInBlobsLayout() throws IOException {
    // docker 25+ writes blobs/sha256/<digest>: the blob's name promises its digest
    ImageBuilder img = debian(ImageBuilder.dockerArchive(), Compression.NONE).blobsLayout();
    Path tar = img.write(tmp.resolve("blobs.tar"));
    coldThenWarm(tar);
    flipEntry(tar, "blobs/sha256/" + hex(img.layerDigest(1)));
    assertRejected(scan(tar), "layer 1 (sha256:", "of " + tar + ": digest mismatch: expected " + img.layerDigest(1));
  }

  @Test
  void ociLayoutDirectoryLayerBlob() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociLayout(), Compression.GZIP);
    Path dir = img.write(tmp.resolve("app-oci"));
    coldThenWarm(dir);
    flip(dir.resolve("blobs/sha256/" + hex(img.layerDigest(1))));
    assertRejected(scan(dir), "layer 1 (sha256:", "of " + dir + ": digest mismatch: expected " + img.layerDigest(1));
  }

  @Test
  void ociLayoutDirectoryConfigBlob() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociLayout(), Compression.GZIP);
    Path dir = img.write(tmp.resolve("app-oci"));
    coldThenWarm(dir);
    flip(dir.resolve("blobs/sha256/" + hex(img.configDigest())));
    assertRejected(scan(dir), dir + ": config blobs/sha256/" + hex(img.configDigest()) + ": digest mismatch");
  }

  @Test
  void ociLayoutDirectoryManifestBlob() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociLayout(), Compression.GZIP);
    Path dir = img.write(tmp.resolve("app-oci"));
    coldThenWarm(dir);
    flip(dir.resolve("blobs/sha256/" + hex(img.manifestDigest())));
    assertRejected(scan(dir), dir + ": manifest blobs/sha256/" + hex(img.manifestDigest()) + ": digest mismatch");
  }

  @Test
  void ociArchiveWithZstdLayers() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociArchive(), Compression.ZSTD);
    Path tar = img.write(tmp.resolve("app-oci.tar"));
    coldThenWarm(tar);
    flipEntry(tar, "blobs/sha256/" + hex(img.layerDigest(0)));
    assertRejected(scan(tar), "layer 0 (sha256:", "of " + tar + ": digest mismatch: expected " + img.layerDigest(0));
  }

  @Test
  void aRejectedImageLeavesNothingOfItselfInTheCache() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociLayout(), Compression.GZIP);
    Path dir = img.write(tmp.resolve("app-oci"));
    coldThenWarm(dir);
    Path blob = dir.resolve("blobs/sha256/" + hex(img.layerDigest(1)));
    flip(blob);
    Set<String> before = Cli.tree(tmp, tmp.resolve("cache"));
    assertThat(scan(dir).exit()).isEqualTo(2);
    assertThat(scan(dir).exit()).as("still rejected: the failed scan recorded nothing").isEqualTo(2);
    flip(blob);
    Cli.Run again = scan(dir);
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.err()).contains("(0 analysed, 2 from cache)");
    assertThat(Cli.tree(tmp, tmp.resolve("cache"))).as("nothing written outside the cache").isEqualTo(before);
  }
}
