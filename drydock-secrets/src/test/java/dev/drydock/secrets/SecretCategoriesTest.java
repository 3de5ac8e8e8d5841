package dev.drydock.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.rules.RuleFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every secret finding says what it unlocks, so a baseline can fail on keys and credentials and warn on the rest. */
class SecretCategoriesTest {
  private static List<ExposedSecret> scan(List<Rule> rules, String path, String text) {
    return new SecretScanner(rules).scan(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyBuiltinRuleHasACategoryAndKeyRulesAreTheKeys() {
    Map<String, List<String>> byCategory = BuiltinRules.all().stream().collect(Collectors.groupingBy(Rule::category,
        Collectors.mapping(Rule::id, Collectors.toList())));
    assertThat(byCategory.keySet()).containsExactlyInAnyOrderElementsOf(SecretCategories.ALL);
    assertThat(byCategory.get(SecretCategories.PRIVATE_KEY)).containsExactly("DD-SEC-016", "DD-SEC-017",
        "DD-SEC-053", "DD-SEC-093", "DD-SEC-111", "DD-SEC-112", "DD-SEC-113");
    assertThat(byCategory.get(SecretCategories.CLOUD)).contains("DD-SEC-001", "DD-SEC-002", "DD-SEC-021",
        "DD-SEC-024", "DD-SEC-027", "DD-SEC-029");
    assertThat(byCategory.get(SecretCategories.CI)).contains("DD-SEC-003", "DD-SEC-007", "DD-SEC-014", "DD-SEC-015",
        "DD-SEC-044", "DD-SEC-051");
    assertThat(byCategory.get(SecretCategories.GENERIC)).containsExactly("DD-SEC-018", "DD-SEC-019", "DD-SEC-020",
        "DD-SEC-054", "DD-SEC-055", "DD-SEC-115");
    // the home-directory rules too
    assertThat(SecretCategories.ofRuleId("DD-SEC-201")).isEqualTo(SecretCategories.PRIVATE_KEY);
    assertThat(SecretCategories.ofRuleId("DD-SEC-202")).isEqualTo(SecretCategories.CLOUD);
    assertThat(SecretCategories.ofRuleId("DD-SEC-206")).isEqualTo(SecretCategories.CI);
    assertThat(SecretCategories.ofRuleId("DD-SEC-207")).isEqualTo(SecretCategories.GENERIC);
  }

  @Test
  void findingsCarryTheirRulesCategory() {
    String text = "AWS_ACCESS_KEY_ID=AKIA" + Fake.of(Fake.UPPER_ALNUM, 16) + "\nGH=ghp_" + Fake.alnum(36) + "\n"
        + "-----BEGIN RSA PRIVATE KEY-----\n" + Fake.pemBody() + "\n-----END RSA PRIVATE KEY-----\n"
        + "SLACK=xoxb-" + Fake.of("0123456789", 12) + "-" + Fake.of("0123456789", 12) + "-" + Fake.alnum(24) + "\n";
    assertThat(scan(BuiltinRules.all(), "app/.env", text)).extracting(ExposedSecret::ruleId,
        ExposedSecret::category).containsExactly(
            org.assertj.core.groups.Tuple.tuple("DD-SEC-001", "cloud"),
            org.assertj.core.groups.Tuple.tuple("DD-SEC-003", "ci"),
            org.assertj.core.groups.Tuple.tuple("DD-SEC-016", "private-key"),
            org.assertj.core.groups.Tuple.tuple("DD-SEC-008", "saas"));
  }

  @Test
  void customRulesTakeACategoryTagOrTheirGitleaksTwinsOrGeneric() {
    List<Rule> rules = RuleFile.parse(Path.of(".gitleaks.toml"), """
        [[rules]]
        id = "acme-cloud-key"
        regex = '''acme_cloud_([a-z0-9]{24})'''
        keywords = ["acme_cloud_"]
        tags = ["vendor", "cloud"]

        [[rules]]
        id = "github-pat"
        regex = '''(ghp_[A-Za-z0-9]{36})'''
        keywords = ["ghp_"]

        [[rules]]
        id = "acme-token"
        regex = '''acme_tok_([a-z0-9]{24})'''
        keywords = ["acme_tok_"]
        """).rules();
    assertThat(rules).extracting(Rule::id, Rule::category).containsExactly(
        org.assertj.core.groups.Tuple.tuple("acme-cloud-key", "cloud"),
        org.assertj.core.groups.Tuple.tuple("github-pat", "ci"),
        org.assertj.core.groups.Tuple.tuple("acme-token", "generic"));
    // results written before categories existed are classified by rule id
    assertThat(SecretCategories.ofRuleId("DD-SEC-016")).isEqualTo("private-key");
    assertThat(SecretCategories.ofRuleId("aws-access-token")).isEqualTo("cloud");
    assertThat(SecretCategories.ofRuleId("someone-elses-rule")).isEqualTo("generic");
  }
}
