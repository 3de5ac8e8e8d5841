package dev.drydock.secrets.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/secrets.md lists every built-in rule, and its rule file examples load. */
class SecretsDocTest {
  private static String doc() throws IOException {
    Path p = Path.of("..", "docs", "secrets.md");
    assertThat(p).exists();
    return Files.readString(p);
  }

  private static String block(String doc, String lang) {
    Matcher m = Pattern.compile("```" + lang + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).as("a %s example", lang).isTrue();
    return m.group(1);
  }

  @Test
  void everyBuiltinRuleIsListedWithItsSeverityAndGitleaksId() throws IOException {
    String doc = doc();
    for (Rule r : BuiltinRules.all()) {
      String gl = r.gitleaksId() == null ? "-" : "`" + r.gitleaksId() + "`";
      assertThat(doc).contains("| " + r.id() + " | " + r.description().replace("|", "\\|") + " | " + r.severity()
          + " | " + gl + " |");
    }
  }

  @Test
  void theExamplesLoad() throws IOException {
    String doc = doc();
    RuleFile.Loaded toml = RuleFile.parse(Path.of(".gitleaks.toml"), block(doc, "toml"));
    assertThat(toml.rules()).extracting(Rule::id).contains("acme-api-key", "pkcs12-file", "DD-SEC-001")
        .doesNotContain("DD-SEC-020");
    RuleFile.Loaded yaml = RuleFile.parse(Path.of("rules.yaml"), block(doc, "yaml"));
    assertThat(yaml.rules()).extracting(Rule::id).contains("acme-api-key", "DD-SEC-001");
  }
}
