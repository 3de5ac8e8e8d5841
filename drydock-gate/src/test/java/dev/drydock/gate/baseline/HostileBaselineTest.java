package dev.drydock.gate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines built to crash or exhaust the loader (issue 18): each is one {@code file:line:} or {@code file:} error,
 * at once. A hang fails the test instead of the build.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileBaselineTest {
  @TempDir Path tmp;

  @Test
  void aBaselineNestedTwoThousandDeepIsOneError() {
    // was a StackOverflowError
    String text = "version: 1\nrules: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
    assertThatThrownBy(() -> BaselineLoader.parse("deep.yaml", text))
        .isInstanceOf(DrydockException.class)
        .hasMessage("deep.yaml:2: invalid YAML: nested deeper than 50 levels");
  }

  @Test
  void aSelfReferencingMergeKeyIsOneError() {
    // 30 bytes; was a StackOverflowError (and a loop that never ends inside SnakeYAML's merge)
    String text = "version: 1\nrules: &a\n  <<: *a\n";
    assertThat(text.length()).isLessThan(60);
    assertThatThrownBy(() -> BaselineLoader.parse("merge.yaml", text))
        .isInstanceOf(DrydockException.class)
        .hasMessage("merge.yaml:3: invalid YAML: an alias refers to a node that contains it (it would expand forever)");
  }

  @Test
  void anAliasBombIsOneError() {
    StringBuilder sb = new StringBuilder("version: 1\nx-a0: &a0 [1, 2, 3, 4, 5, 6, 7, 8]\n");
    for (int i = 1; i <= 8; i++) {
      sb.append("x-a").append(i).append(": &a").append(i).append(" [")
          .append(("*a" + (i - 1) + ", ").repeat(4)).append("*a").append(i - 1).append("]\n");
    }
    sb.append("rules: []\n");
    assertThatThrownBy(() -> BaselineLoader.parse("bomb.yaml", sb.toString()))
        .isInstanceOf(DrydockException.class)
        .hasMessageMatching("bomb\\.yaml:\\d+: invalid YAML: .*");
  }

  @Test
  void oneHugeValueIsRefusedByTheFileBoundBeforeItIsParsed() throws Exception {
    // a 50 MB description: was minutes of parsing
    Path big = tmp.resolve("big.yaml");
    try (var out = Files.newBufferedWriter(big)) {
      out.write("version: 1\nrules:\n  - id: x\n    level: info\n    description: ");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'a');
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
      out.write('\n');
    }
    assertThatThrownBy(() -> BaselineLoader.load(big))
        .hasMessage(big + ": baseline is larger than 1048576 bytes");
    // under the file bound, one value is still bounded
    String text = "version: 1\nrules:\n  - id: x\n    level: info\n    description: " + "a".repeat(70_000) + "\n";
    assertThatThrownBy(() -> BaselineLoader.parse("long.yaml", text))
        .hasMessage("long.yaml:5: invalid YAML: a value longer than 65536 characters");
  }

  @Test
  void aHundredThousandDocumentsAreOneError() {
    String text = "version: 1\nrules: []\n" + "---\nversion: 1\n".repeat(100_000);
    assertThatThrownBy(() -> BaselineLoader.parse("docs.yaml", text))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("docs.yaml:3: invalid YAML: expected a single document");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void devZeroAndAFifoAreRefusedAtOnce() throws Exception {
    // /dev/zero was out of memory; a FIFO blocked forever
    Path fifo = tmp.resolve("baseline.yaml");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertThatThrownBy(() -> BaselineLoader.load(Path.of("/dev/zero")))
          .hasMessage("/dev/zero: baseline is a character device, not a regular file");
      assertThatThrownBy(() -> BaselineLoader.load(fifo))
          .hasMessage(fifo + ": baseline is a FIFO, not a regular file");
    });
  }
}
