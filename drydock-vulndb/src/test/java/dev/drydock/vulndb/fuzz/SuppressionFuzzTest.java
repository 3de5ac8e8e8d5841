package dev.drydock.vulndb.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.testing.FuzzContract;
import dev.drydock.vulndb.suppress.IgnoreFile;
import dev.drydock.vulndb.suppress.Vex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Suppression files (issue 18): the first byte picks {@code .drydockignore.yaml} (YAML, through drydock-yaml's
 * bounded reader) or a VEX document (OpenVEX or CycloneDX VEX JSON); the rest is the file, loaded as {@code
 * --ignorefile} / {@code --vex} load it. Seeds: the suppression fixtures.
 */
class SuppressionFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("drydock-fuzz-suppress-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> seeds() throws IOException {
    return Stream.of(
        seed(0, "suppress/drydockignore.yaml"),
        seed(1, "suppress/openvex-payments.json"),
        seed(1, "suppress/openvex-spec-minimal.json"),
        seed(1, "suppress/cyclonedx-vex.json"));
  }

  private static Arguments seed(int kind, String resource) throws IOException {
    try (InputStream in = SuppressionFuzzTest.class.getResourceAsStream("/" + resource)) {
      byte[] content = in.readAllBytes();
      byte[] data = new byte[content.length + 1];
      data[0] = (byte) kind;
      System.arraycopy(content, 0, data, 1, content.length);
      return Arguments.of((Object) data);
    }
  }

  @MethodSource("seeds")
  @FuzzTest
  void suppressionFile(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    boolean vex = (data[0] & 1) == 1;
    Path file = DIR.resolve(vex ? "fuzz.vex.json" : ".drydockignore.yaml");
    Files.write(file, Arrays.copyOfRange(data, 1, data.length));
    FuzzContract.holds(() -> {
      Object loaded = vex ? Vex.load(file) : IgnoreFile.load(file);
      if (loaded == null) {
        throw new AssertionError("null suppression file");
      }
    });
  }
}
