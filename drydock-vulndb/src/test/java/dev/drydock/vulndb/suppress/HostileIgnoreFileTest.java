package dev.drydock.vulndb.suppress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ignore files built to crash or exhaust the reader (issue 18): each is one {@code file:line:} error. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileIgnoreFileTest {
  private static final Path FILE = Path.of(".drydockignore.yaml");

  private static IgnoreFile parse(String text) {
    return IgnoreFile.parse(FILE, new StringReader(text));
  }

  @Test
  void nestingTwoThousandDeepIsOneError() {
    String text = "vulnerabilities:\n  - id: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(DrydockException.class)
        .hasMessage(".drydockignore.yaml:2: invalid YAML: nested deeper than 50 levels");
  }

  @Test
  void nestingUpToTheBoundIsStillJustAWrongShape() {
    String text = "vulnerabilities:\n  - id: " + "[".repeat(47) + "]".repeat(47) + "\n";
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(DrydockException.class)
        .hasMessageNotContaining("nested deeper");
  }

  @Test
  void oneHugeValueIsOneError() {
    String text = "vulnerabilities:\n  - id: CVE-2024-0001\n    reason: " + "a".repeat(70_000) + "\n";
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(DrydockException.class)
        .hasMessage(".drydockignore.yaml:3: invalid YAML: a value longer than 65536 characters");
  }

  @Test
  void aSelfReferencingMergeKeyIsOneError() {
    assertThatThrownBy(() -> parse("vulnerabilities: &a\n  <<: *a\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(".drydockignore.yaml:");
  }

  @Test
  void aDocumentOverThreeMebiCodePointsIsOneError() {
    String text = "vulnerabilities:\n" + "  - id: CVE-2024-0001\n".repeat(250_000);
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(".drydockignore.yaml")
        .hasMessageContaining("exceeds the limit: 3145728 code points")
        .hasMessageNotContaining("\n");
  }
}
