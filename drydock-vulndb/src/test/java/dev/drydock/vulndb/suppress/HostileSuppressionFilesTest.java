package dev.drydock.vulndb.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ignorefile} and {@code --vex} named as a FIFO, a device or a huge file (issue 18): refused at once in one
 * line naming the file, never a hang or an out-of-memory error.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileSuppressionFilesTest {
  @TempDir Path tmp;

  private Path fifo() throws IOException, InterruptedException {
    Path p = tmp.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    return p;
  }

  /** A sparse file of {@code size} bytes (costs no disk). */
  private Path sparse(String name, long size) throws IOException {
    Path p = tmp.resolve(name);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    return p;
  }

  @Test
  void aFifoIsRefusedAtOnce() throws Exception {
    Path pipe = fifo();
    assertThatThrownBy(() -> IgnoreFile.load(pipe))
        .isInstanceOf(DrydockException.class)
        .hasMessage(pipe + ": ignore file is a FIFO, not a regular file");
    assertThatThrownBy(() -> Vex.load(pipe))
        .isInstanceOf(DrydockException.class)
        .hasMessage(pipe + ": VEX file is a FIFO, not a regular file");
  }

  @Test
  void devZeroIsRefusedAtOnce() {
    Path zero = Path.of("/dev/zero");
    assertThatThrownBy(() -> IgnoreFile.load(zero))
        .isInstanceOf(DrydockException.class)
        .hasMessage("/dev/zero: ignore file is a character device, not a regular file");
    assertThatThrownBy(() -> Vex.load(zero))
        .isInstanceOf(DrydockException.class)
        .hasMessage("/dev/zero: VEX file is a character device, not a regular file");
  }

  @Test
  void aHugeFileIsRefusedWithoutReadingIt() throws IOException {
    Path ignore = sparse(".drydockignore.yaml", 3L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> IgnoreFile.load(ignore))
        .isInstanceOf(DrydockException.class)
        .hasMessage(ignore + ": ignore file is larger than " + IgnoreFile.MAX_BYTES + " bytes");
    Path vex = sparse("vex.json", 3L * 1024 * 1024 * 1024);
    assertThatThrownBy(() -> Vex.load(vex))
        .isInstanceOf(DrydockException.class)
        .hasMessage(vex + ": VEX file is larger than " + Vex.MAX_BYTES + " bytes");
  }

  @Test
  void filesUnderTheBoundAreStillRead() throws IOException {
    Path ignore = Files.writeString(tmp.resolve("ok.yaml"), "vulnerabilities:\n  - id: CVE-2024-0001\n    reason: not reachable\n");
    assertThat(IgnoreFile.load(ignore).path()).isEqualTo(ignore);
  }
}
