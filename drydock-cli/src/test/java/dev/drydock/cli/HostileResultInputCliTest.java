package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.drydock.report.json.Json;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved results given to {@code convert}, {@code compliance}, {@code diff} and {@code secrets --baseline} as a FIFO,
 * {@code /dev/zero} or a huge file (issue 18): one line, exit 2, at once.
 */
@EnabledOnOs(OS.LINUX)
class HostileResultInputCliTest {
  private static final Duration AT_ONCE = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private Path fifo;
  private Path huge;

  @BeforeEach
  void files() throws Exception {
    fifo = tmp.resolve("fifo.json");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
    huge = tmp.resolve("huge.json");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.writeBytes("{\"schemaVersion\": 1, \"pad\": \"");
      f.setLength(Json.MAX_RESULT_BYTES + 1); // sparse
    }
  }

  private static void oneLine(String line, String... args) {
    Cli.Run r = assertTimeoutPreemptively(AT_ONCE, () -> Cli.run(args));
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).containsExactly(line);
  }

  @Test
  void convertRefusesAFifoDevZeroAndAHugeFile() {
    oneLine("drydock: " + fifo + ": result is a FIFO, not a regular file", "convert", fifo.toString(), "-f", "table");
    oneLine("drydock: /dev/zero: result is a character device, not a regular file", "convert", "/dev/zero");
    oneLine("drydock: " + huge + ": result is larger than " + Json.MAX_RESULT_BYTES + " bytes", "convert",
        huge.toString());
  }

  @Test
  void complianceRefusesAFifo() {
    oneLine("drydock: " + fifo + ": result is a FIFO, not a regular file", "compliance", "--framework", "cis-docker",
        fifo.toString());
  }

  @Test
  void diffRefusesAFifoAndDevZero() {
    oneLine("drydock: " + fifo + ": image or result is a FIFO, not a regular file", "diff", fifo.toString(),
        fifo.toString(), "--cache-dir", tmp.resolve("cache").toString());
    oneLine("drydock: /dev/zero: image or result is a character device, not a regular file", "diff", "/dev/zero",
        "/dev/zero", "--cache-dir", tmp.resolve("cache").toString());
    oneLine("drydock: " + huge + ": result is larger than " + Json.MAX_RESULT_BYTES + " bytes", "diff",
        huge.toString(), huge.toString(), "--cache-dir", tmp.resolve("cache").toString());
  }

  @Test
  void secretsBaselineRefusesAFifoAndDevZero() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tree"));
    oneLine("drydock: " + fifo + ": result is a FIFO, not a regular file", "secrets", dir.toString(), "--baseline",
        fifo.toString());
    oneLine("drydock: /dev/zero: result is a character device, not a regular file", "secrets", dir.toString(),
        "--baseline", "/dev/zero");
  }
}
