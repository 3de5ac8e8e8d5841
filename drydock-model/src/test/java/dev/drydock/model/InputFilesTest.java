package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path tmp;

  /** A FIFO nobody writes to: opening it would block forever. */
  static Path fifo(Path dir) throws IOException, InterruptedException {
    Path p = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    return p;
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aFifoIsRefusedAtOnce() throws Exception {
    Path fifo = fifo(tmp);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> InputFiles.readText(fifo, "baseline", 1024))
            .isInstanceOf(DrydockException.class)
            .hasMessage(fifo + ": baseline is a FIFO, not a regular file"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void devZeroAndLinksToItAreRefused() throws Exception {
    Path zero = Path.of("/dev/zero");
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertThatThrownBy(() -> InputFiles.readText(zero, "ignore file", 1024))
          .hasMessage("/dev/zero: ignore file is a character device, not a regular file");
      Path link = Files.createSymbolicLink(tmp.resolve("result.json"), zero);
      assertThatThrownBy(() -> InputFiles.requireRegularFile(link, "result"))
          .hasMessage(link + ": result is a character device, not a regular file");
    });
  }

  @Test
  void directoriesMissingFilesAndOversizedFilesAreOneLine() throws IOException {
    assertThatThrownBy(() -> InputFiles.requireRegularFile(tmp, "VEX file"))
        .hasMessage(tmp + ": VEX file is a directory, not a regular file");
    assertThatThrownBy(() -> InputFiles.readText(tmp.resolve("nope.yaml"), "baseline", 10))
        .hasMessage(tmp.resolve("nope.yaml") + ": baseline not found");
    Path big = Files.writeString(tmp.resolve("big.yaml"), "x".repeat(11));
    assertThatThrownBy(() -> InputFiles.readText(big, "baseline", 10))
        .hasMessage(big + ": baseline is larger than 10 bytes");
    Path bad = Files.write(tmp.resolve("latin1.yaml"), new byte[] {'a', (byte) 0xE9});
    assertThatThrownBy(() -> InputFiles.readText(bad, "baseline", 10))
        .hasMessage(bad + ": baseline is not UTF-8 text");
  }

  @Test
  void aRegularFileAndALinkToOneAreRead() throws IOException {
    Path f = Files.writeString(tmp.resolve("b.yaml"), "\uFEFFversion: 1\n");
    Path link = Files.createSymbolicLink(tmp.resolve("link.yaml"), f);
    assertThat(InputFiles.readText(f, "baseline", 100)).isEqualTo("version: 1\n");
    assertThat(InputFiles.readText(link, "baseline", 14)).isEqualTo("version: 1\n");
    assertThat(InputFiles.requireRegularFile(link, "baseline")).isEqualTo(link);
  }
}
