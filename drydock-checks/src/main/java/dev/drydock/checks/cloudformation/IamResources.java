package dev.drydock.checks.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.checks.doc.Doc;
import dev.drydock.checks.iam.IamRules;
import dev.drydock.checks.iam.Policies;
import dev.drydock.checks.iam.PolicyKind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the policy documents of IAM roles, users, groups, policies and managed policies, S3 bucket, SQS
 * queue and SNS topic policies and KMS key policies, and checks them with {@link Policies}; flags AWS
 * managed administrator policies in {@code ManagedPolicyArns}.
 */
final class IamResources {
  private static final Pattern ADMIN_ARN = Pattern.compile(
      "arn:[^:]*:iam::aws:policy/(AdministratorAccess|PowerUserAccess|IAMFullAccess)");

  private IamResources() {}

  static void check(Resource r) {
    switch (r.type()) {
      case "AWS::IAM::Role" -> {
        document(r, "AssumeRolePolicyDocument", PolicyKind.TRUST, r.id() + " AssumeRolePolicyDocument");
        inline(r, PolicyKind.ROLE);
        managed(r, true);
      }
      case "AWS::IAM::User", "AWS::IAM::Group" -> {
        inline(r, PolicyKind.USER_OR_GROUP);
        managed(r, false);
      }
      case "AWS::IAM::Policy" -> document(r, "PolicyDocument", PolicyKind.POLICY, named(r, r.get("PolicyName")));
      case "AWS::IAM::ManagedPolicy" -> document(r, "PolicyDocument", PolicyKind.MANAGED_POLICY,
          named(r, r.get("ManagedPolicyName")));
      case "AWS::S3::BucketPolicy" -> document(r, "PolicyDocument", PolicyKind.S3_BUCKET, r.id());
      case "AWS::SQS::QueuePolicy" -> document(r, "PolicyDocument", PolicyKind.SQS_QUEUE, r.id());
      case "AWS::SNS::TopicPolicy" -> document(r, "PolicyDocument", PolicyKind.SNS_TOPIC, r.id());
      case "AWS::KMS::Key" -> document(r, "KeyPolicy", PolicyKind.KMS_KEY, r.id());
      default -> { }
    }
  }

  private static void document(Resource r, String property, PolicyKind kind, String resource) {
    if (!Resource.absent(r.get(property))) {
      Policies.check(r.file(), r.doc(), r.prop(property), kind, resource, r.out());
    }
  }

  /** The {@code Policies} list of a role, user or group. */
  private static void inline(Resource r, PolicyKind kind) {
    JsonNode policies = r.get("Policies");
    String p = r.prop("Policies");
    if (Resource.absent(policies) || Resource.computed(policies)) {
      return;
    }
    if (!policies.isArray()) {
      r.report(IamRules.NOT_CHECKED, r.doc().at(p), "Policies is not a list", List.of());
      return;
    }
    for (int i = 0; i < policies.size(); i++) {
      JsonNode policy = policies.get(i);
      String pp = Doc.child(p, i);
      if (Resource.computed(policy)) {
        continue;
      }
      if (!policy.isObject()) {
        r.report(IamRules.NOT_CHECKED, r.doc().at(pp), "policy is not a mapping", List.of());
        continue;
      }
      if (policy.has("PolicyDocument")) {
        Policies.check(r.file(), r.doc(), Doc.child(pp, "PolicyDocument"), kind, named(r, policy.path("PolicyName")),
            r.out());
      }
    }
  }

  private static void managed(Resource r, boolean role) {
    JsonNode arns = r.get("ManagedPolicyArns");
    if (!arns.isArray()) {
      return;
    }
    for (int i = 0; i < arns.size(); i++) {
      String arn = Intrinsics.render(arns.get(i));
      Matcher m = arn == null ? null : ADMIN_ARN.matcher(arn.trim());
      if (m != null && m.matches()) {
        r.report(IamRules.MANAGED_ADMIN, r.doc().at(Doc.child(r.prop("ManagedPolicyArns"), i)), m.group(1),
            role ? List.of("cfn_nag W43") : List.of());
      }
    }
  }

  private static String named(Resource r, JsonNode name) {
    return name.isTextual() ? r.id() + " " + name.asText() : r.id();
  }
}
