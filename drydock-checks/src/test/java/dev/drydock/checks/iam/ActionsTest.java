package dev.drydock.checks.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionsTest {

  @ParameterizedTest
  @ValueSource(strings = {"s3:GetObject", "ec2:Describe*", "S3:LISTBUCKET", "dynamodb:Query", "dynamodb:BatchGetItem",
      "logs:FilterLogEvents", "ecr:BatchCheckLayerAvailability", "cloudtrail:LookupEvents"})
  void readVerbsAreReadOnly(String action) {
    assertThat(Actions.isReadOnly(action)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3:PutObject", "s3:*Object", "s3:G*", "iam:CreatePolicyVersion", "iam:AttachRolePolicy",
      "sts:AssumeRole", "noservice", ":Get"})
  void everythingElseCountsAsWrite(String action) {
    assertThat(Actions.isReadOnly(action)).isFalse();
  }

  @Test
  void wildcards() {
    assertThat(Actions.isEverything("*")).isTrue();
    assertThat(Actions.isEverything("*:*")).isTrue();
    assertThat(Actions.isEverything("s3:*")).isFalse();
    assertThat(Actions.isServiceWide("s3:*")).isTrue();
    assertThat(Actions.isServiceWide("IAM:*")).isTrue();
    assertThat(Actions.isServiceWide("s3:Get*")).isFalse();
    assertThat(Actions.covers("IAM:PassRole", "iam:PassRole")).isTrue();
    assertThat(Actions.covers("iam:Pass*", "iam:PassRole")).isTrue();
    assertThat(Actions.covers("iam:P?ssRole", "iam:PassRole")).isTrue();
    assertThat(Actions.covers("iam:PassRoles", "iam:PassRole")).isFalse();
    assertThat(Actions.covers("iam:Get*", "iam:PassRole")).isFalse();
  }
}
