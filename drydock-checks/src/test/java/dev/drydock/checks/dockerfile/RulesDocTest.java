package dev.drydock.checks.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/dockerfile-rules.md has one table row per rule, with the rule's severity, title and references. */
class RulesDocTest {
  @Test
  void ruleTableMatchesTheRules() throws IOException {
    List<String> rows = Files.readAllLines(Path.of("../docs/dockerfile-rules.md"), StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("| DD-DF-")).toList();
    assertThat(rows).hasSize(DockerfileRules.all().size());
    for (RuleInfo r : DockerfileRules.all()) {
      assertThat(rows).as(r.id()).anySatisfy(row -> {
        assertThat(row).startsWith("| " + r.id() + " | " + r.severity() + " | " + r.title() + " |");
        for (String ref : r.references()) {
          assertThat(row).contains(ref.replaceFirst("^(hadolint|CIS Docker) ", ""));
        }
      });
    }
  }
}
