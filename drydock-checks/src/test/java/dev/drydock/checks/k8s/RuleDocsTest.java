package dev.drydock.checks.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.checks.runtime.RuleInfo;
import dev.drydock.checks.runtime.RuntimeRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/runtime-checks.md has one table row per rule, with the rule's own title and severity. */
class RuleDocsTest {

  @Test
  void everyRuleIsDocumentedOnceWithItsTitleAndSeverity() throws IOException {
    String doc = Files.readString(Path.of("../docs/runtime-checks.md"));
    List<RuleInfo> rules = new ArrayList<>();
    RuntimeRules.all().forEach(r -> rules.add(r.info()));
    rules.addAll(KubernetesRules.ALL);
    List<String> rows = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| (DD-(?:RT|K8S|CMP)-\\d{3}) \\|").matcher(doc);
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertThat(rows).containsExactlyElementsOf(rules.stream().map(RuleInfo::id).toList());
    for (RuleInfo r : rules) {
      assertThat(doc).contains("| " + r.id() + " | " + r.title() + " | " + r.severity() + " |");
    }
  }
}
