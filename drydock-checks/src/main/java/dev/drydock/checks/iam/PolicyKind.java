package dev.drydock.checks.iam;

import java.util.List;
import java.util.Map;

/**
 * Where a policy document sits, which decides the other tools' rule ids a finding maps to (cfn_nag has one
 * rule per resource type; Checkov's IAM checks cover roles, users, groups and AWS::IAM::Policy) and whether
 * {@code Resource: "*"} means "every resource" (in a key, bucket, queue or topic policy it means that key,
 * bucket, queue or topic).
 */
public enum PolicyKind {
  /** An inline policy of an AWS::IAM::Role. */
  ROLE(Map.of(
      IamRules.ADMIN.id(), List.of("cfn_nag F3", "checkov CKV_AWS_62", "checkov CKV_AWS_63"),
      IamRules.STAR_ACTION.id(), List.of("cfn_nag F3", "checkov CKV_AWS_63"),
      IamRules.SERVICE_WILDCARD.id(), List.of("cfn_nag W11", "checkov CKV_AWS_111"),
      IamRules.WRITE_ON_STAR.id(), List.of("cfn_nag W11", "checkov CKV_AWS_111"),
      IamRules.PASS_ROLE.id(), List.of("cfn_nag F38"),
      IamRules.NOT_ACTION.id(), List.of("cfn_nag W15"),
      IamRules.NOT_RESOURCE.id(), List.of("cfn_nag W21"),
      IamRules.MANAGED_ADMIN.id(), List.of("cfn_nag W43"))),
  /** The trust policy (AssumeRolePolicyDocument) of an AWS::IAM::Role. */
  TRUST(Map.of(
      IamRules.STAR_ACTION.id(), List.of("cfn_nag F2"),
      IamRules.NOT_ACTION.id(), List.of("cfn_nag W14"),
      IamRules.PUBLIC_PRINCIPAL.id(), List.of("checkov CKV_AWS_60"))),
  /** AWS::IAM::Policy. */
  POLICY(Map.of(
      IamRules.ADMIN.id(), List.of("cfn_nag F4", "checkov CKV_AWS_62", "checkov CKV_AWS_63"),
      IamRules.STAR_ACTION.id(), List.of("cfn_nag F4", "checkov CKV_AWS_63"),
      IamRules.SERVICE_WILDCARD.id(), List.of("cfn_nag W12", "checkov CKV_AWS_111"),
      IamRules.WRITE_ON_STAR.id(), List.of("cfn_nag W12", "checkov CKV_AWS_111"),
      IamRules.NOT_ACTION.id(), List.of("cfn_nag W16"),
      IamRules.NOT_RESOURCE.id(), List.of("cfn_nag W22"))),
  /** AWS::IAM::ManagedPolicy. */
  MANAGED_POLICY(Map.of(
      IamRules.ADMIN.id(), List.of("cfn_nag F5"),
      IamRules.STAR_ACTION.id(), List.of("cfn_nag F5"),
      IamRules.SERVICE_WILDCARD.id(), List.of("cfn_nag W13", "checkov CKV_AWS_111"),
      IamRules.WRITE_ON_STAR.id(), List.of("cfn_nag W13", "checkov CKV_AWS_111"),
      IamRules.PASS_ROLE.id(), List.of("cfn_nag F40"),
      IamRules.NOT_ACTION.id(), List.of("cfn_nag W17"),
      IamRules.NOT_RESOURCE.id(), List.of("cfn_nag W23"))),
  /** An inline policy of an AWS::IAM::User or AWS::IAM::Group. */
  USER_OR_GROUP(Map.of(
      IamRules.ADMIN.id(), List.of("checkov CKV_AWS_62", "checkov CKV_AWS_63"),
      IamRules.STAR_ACTION.id(), List.of("checkov CKV_AWS_63"),
      IamRules.SERVICE_WILDCARD.id(), List.of("checkov CKV_AWS_111"),
      IamRules.WRITE_ON_STAR.id(), List.of("checkov CKV_AWS_111"))),
  /** AWS::S3::BucketPolicy. */
  S3_BUCKET(Map.of(IamRules.PUBLIC_PRINCIPAL.id(), List.of("cfn_nag F16"))),
  /** AWS::SQS::QueuePolicy. */
  SQS_QUEUE(Map.of(IamRules.PUBLIC_PRINCIPAL.id(), List.of("cfn_nag F21"))),
  /** AWS::SNS::TopicPolicy. */
  SNS_TOPIC(Map.of(IamRules.PUBLIC_PRINCIPAL.id(), List.of("cfn_nag F18"))),
  /** The KeyPolicy of an AWS::KMS::Key: {@code Resource: "*"} is the key itself. */
  KMS_KEY(Map.of(IamRules.PUBLIC_PRINCIPAL.id(), List.of("cfn_nag F76", "checkov CKV_AWS_33"))),
  /** A standalone IAM policy JSON file. */
  FILE(Map.of());

  private final Map<String, List<String>> references;

  PolicyKind(Map<String, List<String>> references) {
    this.references = references;
  }

  /** Other tools' ids for a finding of {@code ruleId} in a policy of this kind (may be empty). */
  public List<String> references(String ruleId) {
    return references.getOrDefault(ruleId, List.of());
  }

  /**
   * Whether {@code Resource: "*"} grants on every resource of the account; in a resource policy (bucket,
   * queue, topic, key) it means the resource the policy is attached to.
   */
  boolean wildcardResourceMeansEverything() {
    return switch (this) {
      case S3_BUCKET, SQS_QUEUE, SNS_TOPIC, KMS_KEY -> false;
      default -> true;
    };
  }
}
