package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.analyzers.Analyzers;
import dev.drydock.analyzers.TargetKind;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.image.testing.ImageBuilder.Compression;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm cache never vouches for bytes it has not seen: a layer changed after the scans that filled the
 * cache is caught like on a cold cache, whether the change shows in the file's stamp or only in its bytes.
 */
class WarmScanIntegrityTest {
  @TempDir Path tmp;

  private static final String STATUS = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 2.36-9+deb12u4\n\nPackage: curl\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 7.88.1-10+deb12u5\n";

  private static ImageBuilder image(ImageBuilder b, Compression c, String appPackage) {
    return b.layer(c, l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n").file("var/lib/dpkg/status", STATUS))
        .history("ADD rootfs.tar /")
        .layer(c, l -> l.file("app/node_modules/" + appPackage + "/package.json",
            "{\"name\":\"" + appPackage + "\",\"version\":\"1.0.0\"}"))
        .history("RUN npm ci");
  }

  private ScanResult scan(Scanner scanner, Path target) {
    return scanner.scan(target, ScanOptions.defaults(tmp.resolve("cache")));
  }

  private ScanResult scan(Path target) {
    return scan(new Scanner(), target);
  }

  /** A scanner that records file stamps as soon as a file is read (no wait for the file to settle). */
  private static Scanner stamping() {
    return new Scanner(Analyzers.forTarget(TargetKind.IMAGE), Analyzers.forTarget(TargetKind.SOURCE), Duration.ZERO);
  }

  private static List<String> names(ScanResult r) {
    return r.packages().stream().map(p -> p.pkg().name()).toList();
  }

  /** Flips one bit in the middle of {@code length} bytes at {@code offset}, in place (same inode). */
  static void flip(Path file, long offset, long length) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = offset + length / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  static void flipEntry(Path tar, String entry) throws IOException {
    long offset;
    long size;
    try (TarFile t = new TarFile(tar)) {
      TarArchiveEntry e = t.getEntries().stream().filter(x -> x.getName().equals(entry)).findFirst().orElseThrow();
      offset = e.getDataOffset();
      size = e.getSize();
    }
    flip(tar, offset, size);
  }

  private static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  @Test
  void dockerArchiveTamperedAfterAWarmScanIsRejected() throws IOException {
    ImageBuilder img = image(ImageBuilder.dockerArchive(), Compression.NONE, "lodash");
    Path tar = img.write(tmp.resolve("app.tar"));
    ScanResult cold = scan(tar);
    ScanResult warm = scan(tar);
    assertThat(warm.stats().layersFromCache()).isEqualTo(2);

    flipEntry(tar, hex(img.layerDigest(1)) + "/layer.tar");
    assertThatThrownBy(() -> scan(tar))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("layer 1 (sha256:")
        // the flipped byte lands in a tar header: the structure check sees it before the diff_id is known
        .hasMessageMatching("(?s).*app\\.tar: (diff_id mismatch|tar header checksum mismatch).*");

    flipEntry(tar, hex(img.layerDigest(1)) + "/layer.tar"); // back to the original bytes
    assertThat(names(scan(tar))).isEqualTo(names(cold));
  }

  @Test
  void ociLayoutWithGzipLayersTamperedAfterAWarmScanIsRejected() throws IOException {
    ImageBuilder img = image(ImageBuilder.ociLayout(), Compression.GZIP, "lodash");
    Path dir = img.write(tmp.resolve("app-oci"));
    scan(dir);
    assertThat(scan(dir).stats().layersFromCache()).isEqualTo(2);

    Path blob = dir.resolve("blobs/sha256/" + hex(img.layerDigest(0)));
    flip(blob, 0, Files.size(blob));
    assertThatThrownBy(() -> scan(dir))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("layer 0 (sha256:")
        .hasMessageContaining("app-oci: digest mismatch: expected " + img.layerDigest(0));
  }

  @Test
  void layerChangedInPlaceWithItsModificationTimeSetBackIsRejected() throws IOException {
    // the stamp recorded by the first scans is what the third one checks: only ctime tells the files apart
    ImageBuilder img = image(ImageBuilder.ociLayout(), Compression.GZIP, "lodash");
    Path dir = img.write(tmp.resolve("app-oci"));
    Scanner scanner = stamping();
    scan(scanner, dir);
    scan(scanner, dir);
    Path blob = dir.resolve("blobs/sha256/" + hex(img.layerDigest(1)));
    FileTime mtime = Files.getLastModifiedTime(blob);
    flip(blob, 0, Files.size(blob));
    Files.setLastModifiedTime(blob, mtime);
    assertThatThrownBy(() -> scan(scanner, dir))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("layer 1 (sha256:")
        .hasMessageContaining("digest mismatch");

    Path tarImage = image(ImageBuilder.dockerArchive(), Compression.NONE, "minimist").write(tmp.resolve("app.tar"));
    scan(scanner, tarImage);
    scan(scanner, tarImage);
    FileTime tarTime = Files.getLastModifiedTime(tarImage);
    try (TarFile t = new TarFile(tarImage)) {
      TarArchiveEntry e = t.getEntries().stream().filter(x -> x.getName().endsWith("/layer.tar")).findFirst().orElseThrow();
      flip(tarImage, e.getDataOffset(), e.getSize());
    }
    Files.setLastModifiedTime(tarImage, tarTime);
    assertThatThrownBy(() -> scan(scanner, tarImage))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("app.tar: diff_id mismatch");
  }

  @Test
  void gzipOuterArchiveTamperedAfterAWarmScanIsRejected() throws IOException {
    ImageBuilder img = image(ImageBuilder.dockerArchive(), Compression.GZIP, "lodash").gzipOuter();
    Path good = img.write(tmp.resolve("good.tar.gz"));
    Scanner scanner = stamping();
    scan(scanner, good);
    scan(scanner, good);
    // the same archive with one layer byte changed, recompressed, moved over the original
    Path plain = tmp.resolve("plain.tar");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(good))) {
      Files.copy(in, plain);
    }
    flipEntry(plain, hex(img.layerDigest(1)) + "/layer.tar");
    Path bad = tmp.resolve("bad.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad))) {
      Files.copy(plain, out);
    }
    Files.move(bad, good, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> scan(scanner, good))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("layer 1 (sha256:")
        .hasMessageContaining("good.tar.gz: ");
  }

  @Test
  void imageClaimingAnotherImagesDiffIdIsWalkedNotTrusted() throws IOException {
    // the manifest names the true digest of a different blob; only the config's diff_id is borrowed
    ImageBuilder good = image(ImageBuilder.ociLayout(), Compression.GZIP, "lodash");
    Path goodDir = good.write(tmp.resolve("good-oci"));
    scan(goodDir);
    scan(goodDir);
    ImageBuilder evil = image(ImageBuilder.ociLayout(), Compression.GZIP, "backdoor").claimDiffId(1, good.diffId(1));
    Path evilDir = evil.write(tmp.resolve("evil-oci"));
    assertThat(evil.layerDigest(1)).isNotEqualTo(good.layerDigest(1));
    assertThatThrownBy(() -> scan(evilDir))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("layer 1 (sha256:")
        .hasMessageContaining("evil-oci: diff_id mismatch: expected " + good.diffId(1));
  }
}
