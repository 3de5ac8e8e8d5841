package dev.drydock.secrets;

import dev.drydock.model.ExposedSecret;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinRulesTest {
  private static final SecretScanner SCANNER = new SecretScanner();

  static Stream<Arguments> positives() {
    return Stream.concat(firstPositives(), RuleCases.positives());
  }

  static Stream<Arguments> negatives() {
    return Stream.concat(firstNegatives(), RuleCases.negatives());
  }

  static Stream<Arguments> firstPositives() {
    String pem = Fake.pemBody();
    return Stream.of(
        Arguments.of("DD-SEC-001", "aws_access_key_id = AKIA" + Fake.of(Fake.UPPER_ALNUM, 16) + "\n"),
        Arguments.of("DD-SEC-001", "key: ASIA" + Fake.of(Fake.UPPER_ALNUM, 16)),
        // the other prefixes gitleaks lists (model TokenShapes, shared with the config checks)
        Arguments.of("DD-SEC-001", "key: ABIA" + Fake.of(Fake.UPPER_ALNUM, 16)),
        Arguments.of("DD-SEC-001", "key: ACCA" + Fake.of(Fake.UPPER_ALNUM, 16)),
        Arguments.of("DD-SEC-002", "aws_secret_access_key = " + Fake.of(Fake.B64, 40) + "\n"),
        Arguments.of("DD-SEC-002", "\"AWS_SECRET_ACCESS_KEY\": \"" + Fake.of(Fake.B64, 40) + "\","),
        Arguments.of("DD-SEC-003", "GH=ghp_" + Fake.alnum(36)),
        Arguments.of("DD-SEC-004", "github_pat_" + Fake.alnum(22) + "_" + Fake.alnum(59)),
        Arguments.of("DD-SEC-005", "oauth gho_" + Fake.alnum(36)),
        Arguments.of("DD-SEC-006", "ghs_" + Fake.alnum(36)),
        Arguments.of("DD-SEC-006", "x ghu_" + Fake.alnum(36) + " y"),
        Arguments.of("DD-SEC-007", "CI_TOKEN: glpat-" + Fake.of(Fake.B64URL, 20)),
        Arguments.of("DD-SEC-008",
            "xoxb-" + Fake.of(Fake.DIGITS, 12) + "-" + Fake.of(Fake.DIGITS, 13) + "-" + Fake.alnum(24)),
        Arguments.of("DD-SEC-009", "xoxp-" + Fake.of(Fake.DIGITS, 12) + "-" + Fake.of(Fake.DIGITS, 12) + "-"
            + Fake.of(Fake.DIGITS, 12) + "-" + Fake.of(Fake.HEX, 32)),
        Arguments.of("DD-SEC-010", "xapp-1-A" + Fake.of(Fake.UPPER_ALNUM, 10) + "-" + Fake.of(Fake.DIGITS, 13)
            + "-" + Fake.of(Fake.HEX, 64)),
        Arguments.of("DD-SEC-011", "url: https://hooks.slack.com/services/T" + Fake.of(Fake.UPPER_ALNUM, 8)
            + "/B" + Fake.of(Fake.UPPER_ALNUM, 10) + "/" + Fake.alnum(24)),
        Arguments.of("DD-SEC-012", "STRIPE=sk_live_" + Fake.alnum(24)),
        Arguments.of("DD-SEC-012", "rk_live_" + Fake.alnum(99)),
        Arguments.of("DD-SEC-013", "SG." + Fake.of(Fake.B64URL, 22) + "." + Fake.of(Fake.B64URL, 43)),
        Arguments.of("DD-SEC-014", "//registry.npmjs.org/:_authToken=npm_" + Fake.alnum(36)),
        Arguments.of("DD-SEC-015", "password = pypi-AgEIcHlwaS5vcmc" + Fake.of(Fake.B64URL, 70)),
        Arguments.of("DD-SEC-016", "-----BEGIN RSA PRIVATE KEY-----\n" + pem + "-----END RSA PRIVATE KEY-----\n"),
        Arguments.of("DD-SEC-016", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + pem),
        Arguments.of("DD-SEC-016", "-----BEGIN PRIVATE KEY-----\r\n" + pem),
        Arguments.of("DD-SEC-016", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: X 1\n\n" + pem),
        Arguments.of("DD-SEC-017", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + pem),
        Arguments.of("DD-SEC-017", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            + "DEK-Info: AES-128-CBC," + Fake.of(Fake.HEX, 32).toUpperCase() + "\n\n" + pem),
        Arguments.of("DD-SEC-018", "Authorization: Bearer eyJ" + Fake.of(Fake.B64URL, 20) + ".eyJ"
            + Fake.of(Fake.B64URL, 40) + "." + Fake.of(Fake.B64URL, 43)),
        Arguments.of("DD-SEC-019", "DATABASE_URL=postgres://app:" + Fake.alnum(16) + "@db:5432/app"),
        Arguments.of("DD-SEC-019", "url: mysql://root:" + Fake.alnum(12) + "@mysql.internal/db"),
        Arguments.of("DD-SEC-019", "mongodb+srv://u:" + Fake.alnum(12) + "@cluster0.mongodb.net/x"),
        Arguments.of("DD-SEC-020", "db_password = \"" + Fake.alnum(20) + "\""),
        Arguments.of("DD-SEC-020", "  \"apiKey\": \"" + Fake.alnum(32) + "\""));
  }

  static Stream<Arguments> firstNegatives() {
    return Stream.of(
        Arguments.of("DD-SEC-001", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
        Arguments.of("DD-SEC-001", "AKIA" + Fake.of(Fake.UPPER_ALNUM, 15)),
        Arguments.of("DD-SEC-001", "AKIA" + Fake.of(Fake.UPPER_ALNUM, 17)),
        Arguments.of("DD-SEC-002", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        Arguments.of("DD-SEC-002", "aws_secret_access_key = " + "ab".repeat(20)),
        Arguments.of("DD-SEC-002", "aws_secret_access_key = " + Fake.of(Fake.B64, 39)),
        Arguments.of("DD-SEC-003", "ghp_" + Fake.alnum(35)),
        Arguments.of("DD-SEC-003", "ghp_" + "x".repeat(36) + "_more"),
        Arguments.of("DD-SEC-004", "github_pat_" + Fake.alnum(60)),
        Arguments.of("DD-SEC-005", "gho_" + Fake.alnum(20)),
        Arguments.of("DD-SEC-006", "ghs_" + Fake.alnum(30)),
        Arguments.of("DD-SEC-007", "glpat-" + Fake.alnum(19)),
        Arguments.of("DD-SEC-007", "glpat-xxxxxxxxxxxx"),
        Arguments.of("DD-SEC-008", "SLACK_BOT_TOKEN=xoxb-your-token-here"),
        Arguments.of("DD-SEC-009", "xoxp-123-456-789-abc"),
        Arguments.of("DD-SEC-010", "xapp-1-XXXX"),
        Arguments.of("DD-SEC-011", "https://hooks.slack.com/services/XXX/YYY/ZZZ"),
        Arguments.of("DD-SEC-012", "sk_test_" + Fake.alnum(24)),
        Arguments.of("DD-SEC-012", "sk_live_" + Fake.alnum(10)),
        Arguments.of("DD-SEC-013", "SG.abc.def"),
        Arguments.of("DD-SEC-014", "npm_config_cache=/tmp/npm_" + Fake.alnum(20)),
        Arguments.of("DD-SEC-015", "pypi-AgEIcHlwaS5vcmc" + Fake.alnum(10)),
        Arguments.of("DD-SEC-016", "if (pem.startsWith(\"-----BEGIN RSA PRIVATE KEY-----\")) {"),
        Arguments.of("DD-SEC-016", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"),
        Arguments.of("DD-SEC-017", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n<your key here>\n"),
        Arguments.of("DD-SEC-018", "eyJhbGciOiJIUzI1NiJ9 only a header"),
        Arguments.of("DD-SEC-018", "eyJ" + Fake.alnum(20) + ".eyJ" + Fake.alnum(20)),
        Arguments.of("DD-SEC-019", "DATABASE_URL=postgres://user:changeme@localhost/db"),
        Arguments.of("DD-SEC-019", "DATABASE_URL=postgres://user:${DB_PASSWORD}@localhost/db"),
        Arguments.of("DD-SEC-019", "DATABASE_URL=postgresql://user@localhost/db"),
        Arguments.of("DD-SEC-019", "mongodb://mongo:27017/db"),
        Arguments.of("DD-SEC-019", "postgres://postgres:postgres@localhost:5432/postgres"),
        Arguments.of("DD-SEC-019", "mysql://user:pass@localhost/db"),
        Arguments.of("DD-SEC-019", "String.format(\"postgresql://%s:%s@%s/db\", u, p, h)"),
        Arguments.of("DD-SEC-020", "password = \"changeme123\""),
        Arguments.of("DD-SEC-020", "token = \"placeholder-token-value\""),
        Arguments.of("DD-SEC-020", "secret = \"aaaaaaaaaaaaaaaa\""),
        Arguments.of("DD-SEC-020", "password = \"" + "ab12".repeat(5) + "\""),
        Arguments.of("DD-SEC-020", "api_key = \"xxxxxxxxxxxxxxxxxxxxxxxx\""),
        Arguments.of("DD-SEC-020", "password = \"" + Fake.alnum(6) + "\""),
        Arguments.of("DD-SEC-020", "password = getenv(\"DB_PASSWORD_" + Fake.alnum(20) + "\")"));
  }

  @ParameterizedTest(name = "{0} finds {1}")
  @MethodSource("positives")
  void truePositive(String ruleId, String text) {
    List<String> ids = scan(text).stream().map(ExposedSecret::ruleId).toList();
    List<String> expected = new java.util.ArrayList<>(RuleCases.ALSO.getOrDefault(ruleId, Set.of()));
    expected.add(ruleId);
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0} ignores {1}")
  @MethodSource("negatives")
  void falsePositive(String ruleId, String text) {
    List<String> ids = scan(text).stream().map(ExposedSecret::ruleId).toList();
    Set<String> allowed = RuleCases.NEGATIVE_ALSO.getOrDefault(ruleId, Set.of());
    assertThat(ids).doesNotContain(ruleId).allMatch(allowed::contains);
  }

  @Test
  void everyRuleHasAPositiveAndANegative() {
    List<String> ids = BuiltinRules.all().stream().map(Rule::id).toList();
    assertThat(positives().map(a -> (String) a.get()[0]).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(negatives().map(a -> (String) a.get()[0]).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void ruleIdsAreUniqueAndNumbered() {
    List<String> ids = BuiltinRules.all().stream().map(Rule::id).toList();
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("DD-SEC-\\d{3}"));
    assertThat(ids).isSorted().hasSizeGreaterThanOrEqualTo(80);
  }

  @Test
  void encryptedKeysAreLessSevereThanPlainKeys() {
    Rule plain = byId("DD-SEC-016");
    Rule encrypted = byId("DD-SEC-017");
    assertThat(encrypted.severity()).isLessThan(plain.severity());
    assertThat(plain.gitleaksId()).isEqualTo("private-key");
    assertThat(byId("DD-SEC-001").gitleaksId()).isEqualTo("aws-access-token");
    assertThat(byId("DD-SEC-020").gitleaksId()).isEqualTo("generic-api-key");
  }

  @Test
  void theRuleListPrintsTheSameInEveryRun() {
    String text = BuiltinRules.all().toString();
    assertThat(text).doesNotContain("Lambda").doesNotContain("$$").contains("DD-SEC-114").contains("validator=true");
  }

  private static Rule byId(String id) {
    return BuiltinRules.all().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static List<ExposedSecret> scan(String text) {
    String path = "f.txt";
    if (text.startsWith("FILE:")) {
      path = text.substring(5, text.indexOf('\n'));
      text = text.substring(text.indexOf('\n') + 1);
    }
    return SCANNER.scan(path, text.getBytes(StandardCharsets.UTF_8));
  }
}
