package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.iam.CfnRule;
import dev.drydock.checks.iam.IamRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** S3 buckets (public ACLs, public access block, encryption), EBS volumes, RDS instances, EFS file systems. */
final class StorageChecks {
  /** The four public access block flags and the Checkov check of each. */
  private static final Map<String, String> BLOCK_FLAGS = new LinkedHashMap<>();

  static {
    BLOCK_FLAGS.put("BlockPublicAcls", "checkov CKV_AWS_53");
    BLOCK_FLAGS.put("BlockPublicPolicy", "checkov CKV_AWS_54");
    BLOCK_FLAGS.put("IgnorePublicAcls", "checkov CKV_AWS_55");
    BLOCK_FLAGS.put("RestrictPublicBuckets", "checkov CKV_AWS_56");
  }

  private StorageChecks() {}

  static void check(Resource r) {
    switch (r.type()) {
      case "AWS::S3::Bucket" -> bucket(r);
      case "AWS::EC2::Volume" -> encrypted(r, "Encrypted", ResourceRules.EBS_UNENCRYPTED,
          List.of("cfn_nag F1", "checkov CKV_AWS_3"));
      case "AWS::EFS::FileSystem" -> encrypted(r, "Encrypted", ResourceRules.EFS_UNENCRYPTED,
          List.of("cfn_nag F27", "checkov CKV_AWS_42"));
      case "AWS::RDS::DBInstance" -> rds(r);
      default -> { }
    }
  }

  private static void bucket(Resource r) {
    JsonNode acl = r.get("AccessControl");
    if (acl.isTextual()) {
      switch (acl.asText().trim()) {
        case "PublicRead" -> r.report(ResourceRules.S3_PUBLIC_READ_ACL, r.doc().keyAt(r.prop("AccessControl")),
            "PublicRead", List.of("cfn_nag W31", "checkov CKV_AWS_20"));
        case "AuthenticatedRead" -> r.report(ResourceRules.S3_PUBLIC_READ_ACL,
            r.doc().keyAt(r.prop("AccessControl")), "AuthenticatedRead: any AWS account", List.of());
        case "PublicReadWrite" -> r.report(ResourceRules.S3_PUBLIC_WRITE_ACL,
            r.doc().keyAt(r.prop("AccessControl")), null,
            List.of("cfn_nag F14", "checkov CKV_AWS_20", "checkov CKV_AWS_57"));
        default -> { }
      }
    }
    publicAccessBlock(r);
    if (Resource.absent(r.get("BucketEncryption"))) {
      r.report(ResourceRules.S3_NO_ENCRYPTION, r.idLoc(), null, List.of("checkov CKV_AWS_19"));
    }
  }

  private static void publicAccessBlock(Resource r) {
    JsonNode block = r.get("PublicAccessBlockConfiguration");
    if (Resource.absent(block)) {
      r.report(ResourceRules.S3_PUBLIC_ACCESS_BLOCK, r.idLoc(), "no PublicAccessBlockConfiguration",
          List.copyOf(BLOCK_FLAGS.values()));
      return;
    }
    if (Resource.computed(block)) {
      return;
    }
    if (!block.isObject()) {
      r.report(IamRules.NOT_CHECKED, r.doc().at(r.prop("PublicAccessBlockConfiguration")),
          "PublicAccessBlockConfiguration is not a mapping", List.of());
      return;
    }
    List<String> unset = new ArrayList<>();
    List<String> unsetRefs = new ArrayList<>();
    for (Map.Entry<String, String> flag : BLOCK_FLAGS.entrySet()) {
      JsonNode v = block.path(flag.getKey());
      if (Resource.absent(v)) {
        unset.add(flag.getKey());
        unsetRefs.add(flag.getValue());
      } else if (Resource.bool(v) == Boolean.FALSE) {
        r.report(ResourceRules.S3_PUBLIC_ACCESS_BLOCK,
            r.doc().keyAt(r.prop("PublicAccessBlockConfiguration", flag.getKey())), flag.getKey() + " is false",
            List.of(flag.getValue()));
      }
    }
    if (!unset.isEmpty()) {
      r.report(ResourceRules.S3_PUBLIC_ACCESS_BLOCK, r.doc().keyAt(r.prop("PublicAccessBlockConfiguration")),
          String.join(", ", unset) + " not set", unsetRefs);
    }
  }

  private static void rds(Resource r) {
    JsonNode engine = r.get("Engine");
    boolean aurora = engine.isTextual() && engine.asText().trim().toLowerCase(Locale.ROOT).startsWith("aurora");
    boolean inherits = !Resource.absent(r.get("DBClusterIdentifier"))
        || !Resource.absent(r.get("SourceDBInstanceIdentifier"));
    if (!aurora && !inherits) {
      encrypted(r, "StorageEncrypted", ResourceRules.RDS_UNENCRYPTED, List.of("cfn_nag F26", "checkov CKV_AWS_16"));
    }
    if (Resource.bool(r.get("PubliclyAccessible")) == Boolean.TRUE) {
      r.report(ResourceRules.RDS_PUBLIC, r.doc().keyAt(r.prop("PubliclyAccessible")), null,
          List.of("cfn_nag F22", "checkov CKV_AWS_17"));
    }
  }

  /** Flags the resource when {@code property} is missing or false (a computed value is not flagged). */
  private static void encrypted(Resource r, String property, CfnRule rule, List<String> references) {
    JsonNode v = r.get(property);
    if (Resource.absent(v)) {
      r.report(rule, r.idLoc(), property + " not set", references);
    } else if (Resource.bool(v) == Boolean.FALSE) {
      r.report(rule, r.doc().keyAt(r.prop(property)), property + " is false", references);
    }
  }
}
