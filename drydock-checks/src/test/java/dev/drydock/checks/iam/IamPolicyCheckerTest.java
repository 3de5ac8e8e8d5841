package dev.drydock.checks.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.ConfigCheckers;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IAM policy rules, through standalone policy files (one statement per test, line 3 onwards). */
class IamPolicyCheckerTest {
  private final IamPolicyChecker checker = new IamPolicyChecker();

  /** A policy file whose Statement is {@code statement} (starting on line 3). */
  static String policy(String statement) {
    return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": " + statement + "\n}\n";
  }

  List<String> found(String text) {
    return checker.check("p.json", text).stream().map(m -> m.line() + ":" + m.column() + " " + m.ruleId()).toList();
  }

  @Test
  void acceptsPolicyFilesOnly() {
    String p = policy("[]");
    assertThat(checker.accepts("policy.json", p)).isTrue();
    assertThat(checker.accepts("policy.json", p.replace("2012-10-17", "2008-10-17"))).isTrue();
    assertThat(checker.accepts("policy.yaml", p)).isFalse();
    assertThat(checker.accepts("policy.json", p.replace("2012-10-17", "2020-01-01"))).isFalse();
    assertThat(checker.accepts("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}")).isFalse();
    assertThat(checker.accepts("t.json", "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"P\": "
        + "{\"Properties\": {\"PolicyDocument\": " + p + "}}}}")).isFalse();
    assertThat(ConfigCheckers.forFile("policy.json", p)).isInstanceOf(IamPolicyChecker.class);
  }

  @Test
  void starActionOnStarResourceIsAdministrator() {
    Misconfiguration m = checker.check("p.json", policy(
        "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}")).get(0);
    assertThat(m.ruleId()).isEqualTo("DD-CFN-001");
    assertThat(m.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(m.line()).isEqualTo(3);
    assertThat(m.file()).isEqualTo("p.json");
    assertThat(m.remediation()).isNotBlank();
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"*:*\"], \"Resource\": [\"*\"]}")))
        .containsExactly("3:63 DD-CFN-001");
  }

  @Test
  void starActionOnNamedResource() {
    String text = policy("[\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n"
        + "      \"Resource\": \"arn:aws:s3:::bucket/*\"\n    }\n  ]");
    assertThat(found(text)).containsExactly("6:7 DD-CFN-002");
    assertThat(found(text.replace("\"Allow\"", "\"Deny\""))).isEmpty();
  }

  @Test
  void serviceWideActionOnEveryResource() {
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"ec2:*\"], \"Resource\": \"*\"}")))
        .containsExactly("3:47 DD-CFN-003");
    assertThat(checker.check("p.json", policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"ec2:*\"], "
        + "\"Resource\": \"*\"}")).get(0).title()).contains("s3:*, ec2:*");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"arn:aws:s3:::b\"}")))
        .isEmpty();
  }

  @Test
  void writeActionsOnEveryResourceButNotReads() {
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], "
        + "\"Resource\": \"*\"}"))).containsExactly("3:80 DD-CFN-004");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"ec2:Describe*\"], "
        + "\"Resource\": \"*\"}"))).isEmpty();
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", "
        + "\"Resource\": \"arn:aws:s3:::b/*\"}"))).isEmpty();
  }

  @Test
  void passRoleOnEveryResourceInAnyCase() {
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"IAM:passrole\", \"Resource\": \"*\"}")))
        .containsExactly("3:36 DD-CFN-005");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"iam:Pass*\"], \"Resource\": [\"*\"]}")))
        .containsExactly("3:47 DD-CFN-005");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", "
        + "\"Resource\": \"arn:aws:iam::123456789012:role/app\"}"))).isEmpty();
  }

  @Test
  void notActionAndNotResourceWithAllow() {
    assertThat(found(policy("{\"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"arn:aws:s3:::b\"}")))
        .containsExactly("3:36 DD-CFN-006");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", "
        + "\"NotResource\": \"arn:aws:s3:::b\"}")))
        .containsExactly("3:62 DD-CFN-007");
    assertThat(found(policy("{\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"NotResource\": \"arn:aws:s3:::b\"}")))
        .isEmpty();
  }

  @Test
  void anyPrincipalWithoutCondition() {
    String open = "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::1:root\", \"*\"]}, "
        + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}";
    assertThat(found(policy(open))).containsExactly("3:81 DD-CFN-008");
    assertThat(found(policy(open.replace("{\"AWS\": [\"arn:aws:iam::1:root\", \"*\"]}", "\"*\""))))
        .containsExactly("3:36 DD-CFN-008");
    String conditioned = "{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", "
        + "\"Resource\": \"arn:aws:s3:::b/*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-1\"}}}";
    assertThat(found(policy(conditioned))).isEmpty();
    assertThat(found(policy(open.replace("\"*\"]", "\"arn:aws:iam::2:root\"]")))).isEmpty();
  }

  @Test
  void aConditionDoesNotHideAnIdentityStatement() {
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", "
        + "\"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}}}")))
        .containsExactly("3:36 DD-CFN-001");
  }

  @Test
  void resourceStarInAResourcePolicyIsTheAttachedResource() {
    String statement = "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"sns.amazonaws.com\"}, "
        + "\"Action\": [\"sqs:SendMessage\", \"sqs:*\", \"iam:PassRole\"], \"Resource\": \"*\"}";
    assertThat(found(policy(statement))).isEmpty();
    assertThat(found(policy(statement.replace("\"sqs:SendMessage\", ", "\"*\", ")))).hasSize(1)
        .allMatch(f -> f.endsWith("DD-CFN-002"));
  }

  @Test
  void statementAsObjectOrListAndActionAsStringOrList() {
    String one = "{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}";
    assertThat(found(policy(one))).hasSize(1);
    assertThat(found(policy("[" + one + ", " + one + "]"))).hasSize(2);
  }

  @Test
  void wrongTypesAreReportedNotThrown() {
    assertThat(found(policy("42"))).containsExactly("3:16 DD-CFN-000");
    assertThat(found(policy("[42, {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]")))
        .containsExactly("3:17 DD-CFN-000", "3:41 DD-CFN-001");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": 7, \"Resource\": \"*\"}")))
        .containsExactly("3:46 DD-CFN-000");
    assertThat(found(policy("{\"Effect\": \"Allow\", \"Action\": [\"s3:PutObject\", null], \"Resource\": {}}")))
        .containsExactly("3:63 DD-CFN-000", "3:82 DD-CFN-000");
    assertThat(found("{\"Version\": \"2012-10-17\", \"Statement\": [], \"Effect\": 1}")).isEmpty();
  }

  @Test
  void invalidJsonIsOneLineWithFileAndLine() {
    assertThatThrownBy(() -> checker.check("p.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("p.json:4: invalid JSON");
    assertThatThrownBy(() -> checker.check("p.json", "[\"Statement\"]"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("p.json:1: ");
  }
}
