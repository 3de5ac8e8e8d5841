package dev.drydock.report.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved results named as a FIFO, a device or a huge file (issue 18): {@link Json#read} serves convert, diff,
 * compliance, gate, secrets --baseline and scan --previous, and refuses each at once in one line.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileResultReadTest {
  @TempDir Path tmp;

  @Test
  void aFifoIsRefusedAtOnce() throws Exception {
    Path pipe = tmp.resolve("result.json");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor()).isZero();
    assertThatThrownBy(() -> Json.read(pipe))
        .isInstanceOf(DrydockException.class)
        .hasMessage(pipe + ": result is a FIFO, not a regular file");
  }

  @Test
  void devZeroIsRefusedAtOnce() {
    assertThatThrownBy(() -> Json.read(Path.of("/dev/zero")))
        .isInstanceOf(DrydockException.class)
        .hasMessage("/dev/zero: result is a character device, not a regular file");
  }

  @Test
  void aFileOverTheBoundIsRefusedWithoutParsingIt() throws Exception {
    Path big = tmp.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.writeBytes("{\"schemaVersion\": 1, \"pad\": \"");
      f.setLength(Json.MAX_RESULT_BYTES + 1); // sparse: no disk used
    }
    assertThatThrownBy(() -> Json.read(big))
        .isInstanceOf(DrydockException.class)
        .hasMessage(big + ": result is larger than " + Json.MAX_RESULT_BYTES + " bytes");
  }

  @Test
  void aMissingFileIsOneLine() {
    Path missing = tmp.resolve("missing.json");
    assertThatThrownBy(() -> Json.read(missing))
        .isInstanceOf(DrydockException.class)
        .hasMessage(missing + ": result not found");
  }
}
