package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output} replaces its file atomically: all of a new report, or the old file untouched. */
class OutputFileCliTest {
  @TempDir Path tmp;

  private List<String> siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void successfulRunLeavesTheReportAndNoTemporaryFile() throws IOException {
    Path outDir = Files.createDirectories(tmp.resolve("out"));
    Path out = outDir.resolve("report.json");
    Files.writeString(out, "old report\n");
    Cli.Run r = Cli.run("scan", DemoImageCliTest.DEMO.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(siblings(outDir)).containsExactly("report.json");
    assertThat(new ObjectMapper().readTree(out.toFile()).get("packages")).hasSize(71);
  }

  @Test
  void failingScanLeavesAnExistingOutputFileUntouched() throws IOException {
    Path outDir = Files.createDirectories(tmp.resolve("out"));
    Path out = outDir.resolve("report.json");
    Files.writeString(out, "{\"previous\": true}\n");
    Files.setLastModifiedTime(out, java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
    Path notAnImage = Files.writeString(tmp.resolve("notes.txt"), "not an image\n");
    Cli.Run r = Cli.run("scan", notAnImage.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        "--format", "json", "--output", out.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(Files.readString(out)).isEqualTo("{\"previous\": true}\n");
    assertThat(Files.getLastModifiedTime(out).toMillis()).isEqualTo(1_600_000_000_000L);
    assertThat(siblings(outDir)).containsExactly("report.json");
  }

  @Test
  void outputInTheWorkingDirectoryByRelativeName() throws IOException {
    // A bare file name has no parent directory; it is written to the current directory.
    Path rel = Path.of("target", "drydock-cli-test-" + ProcessHandle.current().pid() + ".json");
    try {
      Cli.Run r = Cli.run("sbom", DemoImageCliTest.DEMO.toString(), "--cache-dir", tmp.resolve("cache").toString(),
          "--format", "cyclonedx", "--output", rel.toString());
      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(new ObjectMapper().readTree(rel.toFile()).get("bomFormat").asText()).isEqualTo("CycloneDX");
    } finally {
      Files.deleteIfExists(rel);
    }
  }

  private Cli.Run sbomTo(Path out) {
    return Cli.runToFile("sbom", DemoImageCliTest.DEMO.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        "--format", "cyclonedx", "--output", out.toString());
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
    Path real = Files.writeString(tmp.resolve("real.json"), "old\n");
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), real);
    Cli.Run r = sbomTo(link);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(new ObjectMapper().readTree(real.toFile()).get("bomFormat").asText()).isEqualTo("CycloneDX");
  }

  @Test
  void aNamedPipeIsWrittenToNotReplaced() throws Exception {
    Path fifo = tmp.resolve("pipe");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readString(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Cli.Run r = sbomTo(fifo);
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(read.get(60, java.util.concurrent.TimeUnit.SECONDS)).contains("\"bomFormat\"");
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.isSymbolicLink(fifo) || Files.isDirectory(fifo)).isFalse();
  }

  @Test
  void aReplacedFileKeepsItsModeOwnerAndGroup() throws IOException {
    Path out = Files.writeString(tmp.resolve("private.json"), "old\n");
    Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    var view = Files.getFileAttributeView(out, java.nio.file.attribute.PosixFileAttributeView.class);
    var lookup = out.getFileSystem().getUserPrincipalLookupService();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) { // as root (CI), also hand the file to another user, as in the reported case
      view.setOwner(lookup.lookupPrincipalByName("nobody"));
      view.setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
    }
    var before = view.readAttributes();
    Cli.Run r = sbomTo(out);
    assertThat(r.exit()).as(r.toString()).isZero();
    var after = view.readAttributes();
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(after.permissions())).isEqualTo("rw-------");
    assertThat(after.owner()).isEqualTo(before.owner());
    assertThat(after.group()).isEqualTo(before.group());
    assertThat(Files.readString(out)).contains("\"bomFormat\"");
  }

  @Test
  void aDirectoryIsRefusedWithOneLine() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("a-dir"));
    Cli.Run r = sbomTo(dir);
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("is a directory");
  }
}
