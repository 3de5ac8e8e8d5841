package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives exit code 2 and one line on standard error, starting {@code drydock: } and naming the
 * file (and layer and path where relevant), with no stack trace and no file left outside the cache
 * directory. (The JVM's temp directory is shared with other processes on the machine; it is checked in
 * {@link ScratchFilesCliTest}, which runs drydock in a process with a temp directory of its own.)
 */
class BadInputCliTest {
  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\n";

  @TempDir Path tmp;
  private Path cache;
  private Set<String> before;

  @BeforeEach
  void setUp() {
    cache = tmp.resolve("cache");
  }

  /** Call once the input is written: everything in tmp now is input, later additions are output. */
  private void snapshot() {
    before = Cli.tree(tmp, cache);
  }

  private Cli.Run scan(Path target, String... more) {
    if (before == null) {
      snapshot();
    }
    String[] args = new String[4 + more.length];
    args[0] = "scan";
    args[1] = target.toString();
    args[2] = "--cache-dir";
    args[3] = cache.toString();
    System.arraycopy(more, 0, args, 4, more.length);
    return Cli.run(args);
  }

  /** Exit 2, one {@code drydock: } line holding every fragment, no stack trace, nothing written. */
  private void assertBadInput(Cli.Run r, String... fragments) {
    assertThat(r.err()).doesNotContain("Exception");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    String line = r.errLines().get(0);
    assertThat(line).startsWith("drydock: ").contains(fragments);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.stdout()).isEmpty();
    assertThat(Cli.tree(tmp, cache)).as("files outside the cache dir").isEqualTo(before);
  }

  private static ImageBuilder debian(ImageBuilder b) {
    return b.layer(l -> l.file("etc/os-release", OS_RELEASE)).history("ADD rootfs /");
  }

  @Test
  void missingFile() {
    Path missing = tmp.resolve("no-such-image.tar");
    assertBadInput(scan(missing), "no-such-image.tar");
  }

  @Test
  void readmeIsNotAnImage() throws IOException {
    Path readme = Files.copy(Path.of("../README.md"), tmp.resolve("README.md"));
    assertBadInput(scan(readme), "README.md");
  }

  @Test
  void tarWithoutManifest() throws IOException {
    Path tar = tmp.resolve("plain.tar");
    try (OutputStream o = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
      byte[] data = "hello\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("hello.txt");
      e.setSize(data.length);
      t.putArchiveEntry(e);
      t.write(data);
      t.closeArchiveEntry();
    }
    assertBadInput(scan(tar), "plain.tar");
  }

  @Test
  void tamperedLayerInADockerArchive() throws IOException {
    ImageBuilder img = debian(ImageBuilder.dockerArchive())
        .layer(l -> l.file("app/hello.txt", "hello, world\n")).history("COPY hello.txt /app/")
        .tamperLayer(1, b -> {
          byte[] c = b.clone();
          int at = indexOf(c, "hello, world".getBytes(StandardCharsets.UTF_8));
          c[at] = 'j';
          return c;
        });
    Path tar = img.write(tmp.resolve("tampered.tar"));
    Cli.Run r = scan(tar);
    assertBadInput(r, "tampered.tar");
    assertThat(r.err()).containsAnyOf("layer 1", img.diffId(1), img.diffId(1).substring("sha256:".length()));
  }

  @Test
  void truncatedGzipLayerInAnOciLayout() throws IOException {
    ImageBuilder img = debian(ImageBuilder.ociLayout())
        .layer(ImageBuilder.Compression.GZIP, l -> l.file("app/data.txt", "some data\n".repeat(2000)))
        .history("COPY data.txt /app/")
        .tamperLayer(1, b -> Arrays.copyOf(b, b.length / 2));
    Path dir = img.write(tmp.resolve("truncated-oci"));
    Cli.Run r = scan(dir);
    assertBadInput(r, "truncated-oci", "corrupt gzip data: unexpected end of data");
    assertThat(r.err()).containsAnyOf("layer 1", img.layerDigest(1), img.layerDigest(1).substring("sha256:".length()),
        img.diffId(1));
  }

  @Test
  void entryEscapingTheRootWithDotDot() throws IOException {
    Path tar = debian(ImageBuilder.dockerArchive())
        .layer(l -> l.rawEntry("../../etc/passwd", "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)))
        .history("RUN evil")
        .write(tmp.resolve("dotdot.tar"));
    Cli.Run r = scan(tar);
    assertBadInput(r, "dotdot.tar", "../../etc/passwd");
    assertThat(r.err()).contains("layer 1");
  }

  @Test
  void escapingEntryInAGzippedArchiveLeavesNoScratchFile() throws IOException {
    Path tar = debian(ImageBuilder.dockerArchive())
        .layer(l -> l.rawEntry("app/../../../root/.ssh/authorized_keys", "ssh-ed25519 AAAA\n".getBytes(StandardCharsets.UTF_8)))
        .history("RUN evil")
        .gzipOuter()
        .write(tmp.resolve("dotdot.tar.gz"));
    Cli.Run r = scan(tar);
    assertBadInput(r, "dotdot.tar.gz", "app/../../../root/.ssh/authorized_keys", "layer 1");
    assertThat(Cli.tree(cache.resolve("tmp"), null)).as("scratch files").containsOnly("");
  }

  @Test
  void truncatedGzippedArchive() throws IOException {
    Path full = debian(ImageBuilder.dockerArchive()).gzipOuter().write(tmp.resolve("full.tar.gz"));
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
    Files.delete(full);
    Cli.Run r = scan(cut);
    assertBadInput(r, "cut.tar.gz", "corrupt gzip data");
  }

  @Test
  void absoluteEntryName() throws IOException {
    Path tar = debian(ImageBuilder.dockerArchive())
        .layer(l -> l.rawEntry("/etc/shadow", "root:*:19000:0:99999:7:::\n".getBytes(StandardCharsets.UTF_8)))
        .history("RUN evil")
        .write(tmp.resolve("absolute.tar"));
    Cli.Run r = scan(tar);
    assertBadInput(r, "absolute.tar", "/etc/shadow");
    assertThat(r.err()).contains("layer 1");
  }

  @Test
  void decompressionBomb() throws IOException {
    Path tar = debian(ImageBuilder.dockerArchive())
        .layer(ImageBuilder.Compression.GZIP, l -> l.zeros("var/zeros.bin", 300L << 20))
        .history("RUN dd if=/dev/zero of=/var/zeros.bin")
        .write(tmp.resolve("bomb.tar"));
    assertThat(Files.size(tar)).isLessThan(2L << 20);
    Cli.Run r = scan(tar, "--max-expansion-ratio", "10");
    assertBadInput(r, "bomb.tar", "var/zeros.bin");
    assertThat(r.err()).contains("layer 1");
  }

  @Test
  void unknownLayerMediaType() throws IOException {
    Path dir = debian(ImageBuilder.ociLayout())
        .layer(l -> l.file("app/x", "x\n")).history("COPY x /app/")
        .layerMediaType(1, "application/vnd.example.strange.layer+lz4")
        .write(tmp.resolve("strange-oci"));
    Cli.Run r = scan(dir);
    assertBadInput(r, "strange-oci", "application/vnd.example.strange.layer+lz4");
  }

  @Test
  void platformThatMatchesNoneOfTheIndex() throws IOException {
    Path dir = debian(ImageBuilder.ociLayout().platform("linux/amd64"))
        .alsoPlatform(debian(ImageBuilder.image().platform("linux/arm64/v8")))
        .write(tmp.resolve("multi-oci"));
    Cli.Run r = scan(dir, "--platform", "linux/s390x");
    assertBadInput(r, "multi-oci", "linux/s390x", "linux/amd64", "linux/arm64");
  }

  @Test
  void platformThatMatchesIsScanned() throws IOException {
    Path dir = debian(ImageBuilder.ociLayout().platform("linux/amd64"))
        .alsoPlatform(debian(ImageBuilder.image().platform("linux/arm64/v8")))
        .write(tmp.resolve("multi-oci"));
    Path out = tmp.resolve("multi.json");
    Cli.Run r = Cli.run("scan", dir.toString(), "--cache-dir", cache.toString(), "--platform", "linux/arm64",
        "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.readString(out)).contains("\"platform\" : \"linux/arm64/v8\"");
  }

  @Test
  void badFormat() throws IOException {
    assertBadInput(scan(DemoImageCliTest.DEMO, "--format", "xml"), "xml");
  }

  @Test
  void unknownOptionNamesTheOptionOnTheFirstLine() {
    snapshot();
    Cli.Run r = scan(DemoImageCliTest.DEMO, "--frobnicate");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("drydock: ").contains("--frobnicate").endsWith("(see 'drydock scan --help')");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(Cli.tree(tmp, cache)).isEqualTo(before);
  }

  @Test
  void outputIntoAMissingDirectory() {
    Path out = tmp.resolve("no-such-dir").resolve("report.json");
    assertBadInput(scan(DemoImageCliTest.DEMO, "--format", "json", "--output", out.toString()), "no-such-dir");
  }

  @Test
  void debugPrintsTheStackTrace() throws IOException {
    Path readme = Files.copy(Path.of("../README.md"), tmp.resolve("README.md"));
    Cli.Run r = scan(readme, "--debug");
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines().get(0)).startsWith("drydock: ").contains("README.md");
    assertThat(r.errLines().size()).isGreaterThan(1);
    assertThat(r.err()).contains("\tat dev.drydock.");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found: " + new String(needle, StandardCharsets.UTF_8));
  }
}
