package dev.drydock.analyzers.os.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlStanzasTest {
  @Test
  void fieldsContinuationsRepeatsAndLineNumbers() {
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
   * parse takes well under a second.
   */
  @Test
  void aFieldOfManyContinuationLinesIsReadInLinearTime() {
    StringBuilder b = new StringBuilder("Package: big\nVersion: 1.0\nStatus: install ok installed\nDescription: x\n");
    b.append(" y\n".repeat(3_500_000)); // about 10 MB
    b.append("Architecture: amd64\n");
    String text = b.toString();
    List<ControlStanzas.Stanza> st = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> ControlStanzas.parse(text));
    assertThat(st).hasSize(1);
    assertThat(st.get(0).get("Architecture")).isEqualTo("amd64");
    assertThat(st.get(0).get("Description")).hasSize(1 + 2 * 3_500_000);
  }
}
