package dev.drydock.analyzers.os.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStanzasTest {
  @Test
  void fieldsContinuationsRepeatsAndLineNumbers() throws IOException {
    String text = "Package: libc6\r\nStatus:  install ok installed  \nDescription: GNU C Library\n shared libraries\n"
        + " .\n more\nPackage: dup\n wrapped dup\n\n# comment\n\nPackage: zlib1g\nDescription:\n only continuation\n";
    List<ControlStanzas.Stanza> st = ControlStanzas.parse(text);
    assertThat(st).hasSize(2);
    assertThat(st.get(0).line()).isEqualTo(1);
    assertThat(st.get(0).get("package")).isEqualTo("libc6");
    assertThat(st.get(0).get("Status")).isEqualTo("install ok installed");
    assertThat(st.get(0).get("Description")).isEqualTo("GNU C Library\nshared libraries\n.\nmore");
    assertThat(st.get(1).line()).isEqualTo(12);
    assertThat(st.get(1).get("Description")).isEqualTo("\nonly continuation");
  }

  /**
   * Issue 18: a status file with one field of 500,000 continuation lines took 24 s, 10 MB of them still ran after
   * four minutes (each line copied the whole value). The bound here is a hang detector, not a speed target: the
   * parse takes well under a second. Since {@link ControlStanzas#MAX_FIELD} the field is just under 1 MiB; ten
   * such fields are read.
   */
  @Test
  void aFieldOfManyContinuationLinesIsReadInLinearTime() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      b.append("Package: big").append(i).append("\nVersion: 1.0\nStatus: install ok installed\nDescription: x\n");
      b.append(" y\n".repeat(500_000)); // 1,000,001 characters in the value
      b.append("Architecture: amd64\n\n");
    }
    String text = b.toString();
    List<ControlStanzas.Stanza> st = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ControlStanzas.parse(text));
    assertThat(st).hasSize(10);
    assertThat(st.get(9).get("Architecture")).isEqualTo("amd64");
    assertThat(st.get(9).get("Description")).hasSize(1 + 2 * 500_000);
  }

  /** Issue 18: a field longer than {@link ControlStanzas#MAX_FIELD} is one line naming the field and where. */
  @Test
  void aFieldLongerThanTheBoundIsOneLine() {
    String continued = "Package: big\nVersion: 1.0\nDescription: x\n" + " y\n".repeat(600_000);
    assertThatThrownBy(() -> ControlStanzas.parse(continued))
        .isInstanceOf(IOException.class)
        .hasMessage("line 524291: field Description is longer than 1048576 characters");
    String oneLine = "Package: big\nVersion: 1.0\nStatus: " + "x".repeat(2 << 20) + "\n";
    assertThatThrownBy(() -> ControlStanzas.parse(oneLine))
        .isInstanceOf(IOException.class)
        .hasMessage("line 3: field Status is longer than 1048576 characters");
  }
}
