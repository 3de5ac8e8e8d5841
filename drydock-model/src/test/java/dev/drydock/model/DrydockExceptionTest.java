package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad-input messages are one line whatever they quote (issue 18: fuzzing found three parsers quoting raw names). */
class DrydockExceptionTest {

  @Test
  void lineBreaksAndControlsInAQuotedNameAreEscaped() {
    DrydockException e = new DrydockException("image.tar: missing config m\nfake: line\r\u001b[2J\tend");
    assertThat(e.getMessage()).isEqualTo("image.tar: missing config m\\nfake: line\\r\\u001b[2J\\tend")
        .doesNotContain("\n");
    assertThat(new DrydockException("a\u2028b", new RuntimeException()).getMessage()).isEqualTo("a\\u2028b");
  }

  @Test
  void plainMessagesAndBackslashesAreKeptAsTheyAre() {
    assertThat(new DrydockException("C:\\app\\n is a path, not a line break").getMessage())
        .isEqualTo("C:\\app\\n is a path, not a line break");
    assertThat(new DrydockException(null).getMessage()).isNull();
  }

  @Test
  void shownCutsLongValues() {
    assertThat(Shown.escaped("x".repeat(100), 10)).isEqualTo("xxxxxxxxxx...");
    assertThat(Shown.escaped("short", 10)).isEqualTo("short");
  }
}
