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
}
