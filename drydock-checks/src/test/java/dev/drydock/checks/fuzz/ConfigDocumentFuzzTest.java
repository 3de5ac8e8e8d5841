package dev.drydock.checks.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.ConfigCheckers;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.testing.FuzzContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * YAML and JSON configuration documents (issue 18): Kubernetes manifests, compose files, CloudFormation templates
 * (intrinsics, nesting), IAM policies and {@code docker inspect} output, routed to their checker as {@code config}
 * does (by file name and content). The first byte picks the file name; seeds: the checkers' corpus.
 */
class ConfigDocumentFuzzTest {
  static final List<String> NAMES = List.of(
      "deploy.yaml", "compose.yaml", "docker-compose.yml", "template.yaml", "template.json", "policy.json",
      "inspect.json");

  static Stream<Arguments> seeds() {
    return Stream.of(
        seeds("kubernetes", "deploy.yaml"),
        seeds("compose", "compose.yaml"),
        seeds("cloudformation", null),
        seeds("iam", "policy.json"),
        seeds("inspect", "inspect.json")).flatMap(s -> s);
  }

  private static Stream<Arguments> seeds(String dir, String name) {
    return Seeds.corpus(dir).stream().map(p -> {
      String n = name != null ? name : p.toString().endsWith(".json") ? "template.json" : "template.yaml";
      byte[] content = Seeds.bytes(p);
      byte[] data = new byte[content.length + 1];
      data[0] = (byte) NAMES.indexOf(n);
      System.arraycopy(content, 0, data, 1, content.length);
      return Arguments.of((Object) data);
    });
  }

  @MethodSource("seeds")
  @FuzzTest
  void configDocument(byte[] data) {
    if (data.length == 0) {
      return;
    }
    String name = NAMES.get((data[0] & 0xff) % NAMES.size());
    String text = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
    FuzzContract.holds(() -> {
      ConfigChecker checker = ConfigCheckers.forFile(name, text);
      if (checker == null) {
        return; // not a configuration file drydock reads: config skips it
      }
      List<Misconfiguration> found = checker.check(Path.of("conf", name).toString(), text);
      if (found == null) {
        throw new AssertionError("null findings");
      }
    });
  }
}
