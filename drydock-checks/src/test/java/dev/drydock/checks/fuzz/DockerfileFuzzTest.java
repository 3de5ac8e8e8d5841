package dev.drydock.checks.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.checks.dockerfile.DockerfileChecker;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.testing.FuzzContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dockerfiles (issue 18): instructions, continuations, escapes and parser directives, heredocs, JSON arrays,
 * ARG/ENV expansion (bounded), stages and their references, and every Dockerfile rule on the result. Seeds: the
 * Dockerfile corpus.
 */
class DockerfileFuzzTest {
  private static final DockerfileChecker CHECKER = new DockerfileChecker();

  static Stream<Arguments> seeds() {
    return Seeds.corpus("dockerfile").stream().map(p -> Arguments.of((Object) Seeds.bytes(p)));
  }

  @MethodSource("seeds")
  @FuzzTest
  void dockerfile(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    FuzzContract.holds(() -> {
      List<Misconfiguration> found = CHECKER.check("Dockerfile", text);
      if (found == null) {
        throw new AssertionError("null findings");
      }
    });
  }
}
