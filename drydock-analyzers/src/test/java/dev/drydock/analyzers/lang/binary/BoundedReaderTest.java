package dev.drydock.analyzers.lang.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedReaderTest {

  @TempDir Path tmp;

  @Test
  void readsOnlyRangesInsideTheFile() throws IOException {
    byte[] content = new byte[100];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = tmp.resolve("f");
    Files.write(file, content);
    try (BoundedReader in = BoundedReader.open(FileInput.ofFile("f", file, 0644))) {
      assertThat(in.size()).isEqualTo(100);
      assertThat(in.read(10, 3)).containsExactly(10, 11, 12);
      assertThat(in.read(97, 3)).containsExactly(97, 98, 99);
      assertThat(in.read(98, 3)).isNull();
      assertThat(in.read(-1, 3)).isNull();
      assertThat(in.read(0, -1)).isNull();
      assertThat(in.read(Long.MAX_VALUE, 2)).isNull();
      assertThat(in.read(0, Long.MAX_VALUE)).isNull();
      assertThat(in.read(100, 0)).isEmpty();
      assertThat(in.readUpTo(95, 64)).containsExactly(95, 96, 97, 98, 99);
      assertThat(in.readUpTo(100, 1)).isNull();
    }
  }

  @Test
  void slicesCountFromTheirStartAndStayInsideTheirRange() throws IOException {
    byte[] content = new byte[100];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Path file = tmp.resolve("s");
    Files.write(file, content);
    try (BoundedReader in = BoundedReader.open(FileInput.ofFile("s", file, 0644))) {
      try (BoundedReader slice = in.slice(40, 20)) {
        assertThat(slice.size()).isEqualTo(20);
        assertThat(slice.read(0, 2)).containsExactly(40, 41);
        assertThat(slice.read(18, 2)).containsExactly(58, 59);
        assertThat(slice.read(19, 2)).as("past the slice, though inside the file").isNull();
        assertThat(slice.readUpTo(15, 64)).containsExactly(55, 56, 57, 58, 59);
        assertThat(slice.slice(10, 5).read(0, 1)).containsExactly(50);
        assertThat(slice.slice(10, 11)).isNull();
      }
      assertThat(in.read(0, 1)).as("closing a slice leaves the file open").containsExactly(0);
      assertThat(in.slice(90, 11)).isNull();
      assertThat(in.slice(-1, 5)).isNull();
      assertThat(in.slice(Long.MAX_VALUE, 2)).isNull();
    }
  }

  @Test
  void wrapsInEitherByteOrder() {
    byte[] b = {1, 2, 3, 4};
    assertThat(BoundedReader.wrap(b, false).getInt(0)).isEqualTo(0x04030201);
    assertThat(BoundedReader.wrap(b, true).getInt(0)).isEqualTo(0x01020304);
  }
}
