package dev.drydock.secrets.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Misconfiguration;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sample tree under {@code src/test/resources/crypto/sample} yields exactly {@code sample.expected}. */
class WeakCryptoSampleTreeTest {
  private static final WeakCryptoScanner SCANNER = new WeakCryptoScanner();

  @Test
  void sampleTreeYieldsExactlyTheExpectedFindings() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/crypto/sample").toURI());
    Path expectedFile = Path.of(getClass().getResource("/crypto/sample.expected").toURI());
    List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

    List<String> actual = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    int accepted = 0;
    for (Path file : files) {
      String rel = root.relativize(file).toString().replace('\\', '/');
      if (!SCANNER.accepts(rel)) {
        continue;
      }
      accepted++;
      for (Misconfiguration m : SCANNER.scan(rel, Files.readString(file, StandardCharsets.UTF_8))) {
        actual.add(m.file() + " " + m.line() + " " + m.ruleId());
      }
    }
    assertThat(accepted).as("source files scanned").isEqualTo(9);
    assertThat(actual).containsExactlyElementsOf(expected);
  }
}
