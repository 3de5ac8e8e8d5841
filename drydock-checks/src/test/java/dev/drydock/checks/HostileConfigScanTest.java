package dev.drydock.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock config} named something that is not a file (issue 18): refused at once, never a hang. */
@EnabledOnOs(OS.LINUX)
class HostileConfigScanTest {
  @TempDir Path tmp;

  private static ConfigScan.Outcome scan(Path p) {
    return ConfigScan.scan(List.of(p), ConfigCheckers.all(), ConfigScan.Options.defaults());
  }

  private Path fifo(String name) throws Exception {
    Path p = tmp.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
    return p;
  }

  @Test
  void aFifoNamedOnTheCommandLineIsRefusedAtOnce() throws Exception {
    // was: blocked forever opening the FIFO
    Path fifo = fifo("Dockerfile");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> scan(fifo))
        .isInstanceOf(DrydockException.class)
        .hasMessage(fifo + ": configuration file is a FIFO, not a regular file"));
  }

  @Test
  void devZeroAndALinkToItAreRefused() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("compose.yaml"), Path.of("/dev/zero"));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertThatThrownBy(() -> scan(Path.of("/dev/zero")))
          .hasMessage("/dev/zero: configuration file is a character device, not a regular file");
      assertThatThrownBy(() -> scan(link))
          .hasMessage(link + ": configuration file is a character device, not a regular file");
    });
  }

  @Test
  void aFifoFoundWhileWalkingADirectoryIsNotOpened() throws Exception {
    fifo("Dockerfile");
    Files.writeString(tmp.resolve("app.Dockerfile"), "FROM debian:12\nUSER app\nHEALTHCHECK CMD true\n");
    ConfigScan.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> scan(tmp));
    assertThat(o.checked()).isEqualTo(1);
    assertThat(o.warnings()).isEmpty();
  }
}
