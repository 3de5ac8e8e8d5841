package dev.drydock.checks.cloudformation;

import static dev.drydock.model.Severity.CRITICAL;
import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import dev.drydock.checks.iam.CfnRule;
import java.util.List;

/** Rules on CloudFormation resources other than IAM policies ({@code DD-CFN-010} and up). */
public final class ResourceRules {
  private ResourceRules() {}

  public static final CfnRule S3_PUBLIC_READ_ACL = new CfnRule("DD-CFN-010", HIGH,
      "S3 bucket has a public read ACL",
      "Remove AccessControl PublicRead/AuthenticatedRead; serve public content through CloudFront with an "
          + "origin access control, or grant read with a scoped bucket policy.");
  public static final CfnRule S3_PUBLIC_WRITE_ACL = new CfnRule("DD-CFN-011", CRITICAL,
      "S3 bucket has a public read-write ACL",
      "Remove AccessControl PublicReadWrite: anyone could upload, overwrite and delete objects.");
  public static final CfnRule S3_PUBLIC_ACCESS_BLOCK = new CfnRule("DD-CFN-012", MEDIUM,
      "S3 bucket does not block public access",
      "Set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and "
          + "RestrictPublicBuckets all true.");
  public static final CfnRule S3_NO_ENCRYPTION = new CfnRule("DD-CFN-013", LOW,
      "S3 bucket has no BucketEncryption configuration",
      "Add BucketEncryption with SSEAlgorithm aws:kms (and a customer managed key) or AES256.");
  public static final CfnRule EBS_UNENCRYPTED = new CfnRule("DD-CFN-014", MEDIUM, "EBS volume is not encrypted",
      "Set Encrypted: true (and KmsKeyId for a customer managed key) on the volume.");
  public static final CfnRule RDS_UNENCRYPTED = new CfnRule("DD-CFN-015", MEDIUM,
      "RDS instance storage is not encrypted",
      "Set StorageEncrypted: true (and KmsKeyId); an existing instance must be restored from an encrypted "
          + "snapshot copy.");
  public static final CfnRule RDS_PUBLIC = new CfnRule("DD-CFN-016", HIGH, "RDS instance is publicly accessible",
      "Set PubliclyAccessible: false and reach the database from inside the VPC (or through a bastion/VPN).");
  public static final CfnRule EFS_UNENCRYPTED = new CfnRule("DD-CFN-017", MEDIUM, "EFS file system is not encrypted",
      "Set Encrypted: true (and KmsKeyId) on the file system; encryption at rest cannot be added later.");
  public static final CfnRule SG_ADMIN_PORT = new CfnRule("DD-CFN-020", HIGH,
      "Security group allows ingress from the internet to an administration port",
      "Allow SSH/RDP only from known CIDRs (a VPN or office range), or use SSM Session Manager instead.");
  public static final CfnRule SG_ALL_PORTS = new CfnRule("DD-CFN-021", CRITICAL,
      "Security group allows ingress from the internet on all ports",
      "Open only the ports the service listens on, to the sources that need them.");
  public static final CfnRule SG_DATABASE_PORT = new CfnRule("DD-CFN-022", HIGH,
      "Security group allows ingress from the internet to a database port",
      "Allow database ports only from the application's security group (SourceSecurityGroupId) or private CIDRs.");

  /** Every resource rule, in id order. */
  public static final List<CfnRule> ALL = List.of(S3_PUBLIC_READ_ACL, S3_PUBLIC_WRITE_ACL, S3_PUBLIC_ACCESS_BLOCK,
      S3_NO_ENCRYPTION, EBS_UNENCRYPTED, RDS_UNENCRYPTED, RDS_PUBLIC, EFS_UNENCRYPTED, SG_ADMIN_PORT, SG_ALL_PORTS,
      SG_DATABASE_PORT);
}
