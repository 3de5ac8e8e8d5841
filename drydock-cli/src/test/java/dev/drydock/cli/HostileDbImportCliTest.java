package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code db import} of hostile inputs as a user runs it (issue 18): one line, exit 2, at once. */
@EnabledOnOs(OS.LINUX)
class HostileDbImportCliTest {
  private static final Duration AT_ONCE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private Cli.Run run(String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--cache-dir", tmp.resolve("cache").toString())).toArray(String[]::new);
    return assertTimeoutPreemptively(AT_ONCE, () -> Cli.run(all));
  }

  private static void oneLine(Cli.Run r) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
  }

  @Test
  void devZeroIsACharacterDeviceNotAMissingFile() {
    Cli.Run r = run("db", "import", "/dev/zero");
    oneLine(r);
    assertThat(r.errLines()).containsExactly("drydock: /dev/zero: feed file is a character device, not a regular file");
  }

  @Test
  void malformedYamlIsOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("PYSEC-2024-1.yaml"),
        "id: PYSEC-2024-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n  - package: {name: x\n    ecosystem: PyPI\n"
            + "  - : : [\n");
    Cli.Run r = run("db", "import", file.toString());
    oneLine(r);
    assertThat(r.errLines().get(0)).startsWith("drydock: " + file.toAbsolutePath() + ": malformed YAML at line ");
  }

  @Test
  void aTwoGigabyteSparseJsonFileIsOneLineNotOutOfMemory() throws Exception {
    Path file = tmp.resolve("huge.json");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(2L * 1024 * 1024 * 1024); // sparse: no disk used, one "line" of NUL bytes
    }
    Cli.Run r = run("db", "import", file.toString());
    oneLine(r);
    assertThat(r.errLines().get(0)).isEqualTo("drydock: " + file.toAbsolutePath() + ": not a known vulnerability feed format");
  }
}
