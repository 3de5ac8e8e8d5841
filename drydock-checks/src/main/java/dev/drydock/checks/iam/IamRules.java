package dev.drydock.checks.iam;

import static dev.drydock.model.Severity.CRITICAL;
import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import java.util.List;

/** The IAM policy rules ({@code DD-CFN-000} to {@code DD-CFN-009}); see docs/cloudformation-checks.md. */
public final class IamRules {
  private IamRules() {}

  /** Part of a template or policy could not be checked (unknown intrinsic function, value of the wrong type). */
  public static final CfnRule NOT_CHECKED = new CfnRule("DD-CFN-000", LOW, "Part of the file could not be checked",
      "Use a known intrinsic function and the value types CloudFormation documents, so the checks can read it.");
  public static final CfnRule ADMIN = new CfnRule("DD-CFN-001", CRITICAL,
      "Policy allows every action on every resource (administrator access)",
      "Grant only the actions the workload needs ('s3:GetObject', not '*') on the resources it uses (ARNs).");
  public static final CfnRule STAR_ACTION = new CfnRule("DD-CFN-002", HIGH, "Policy allows every action ('*')",
      "List the actions the principal needs instead of '*'.");
  public static final CfnRule SERVICE_WILDCARD = new CfnRule("DD-CFN-003", HIGH,
      "Policy allows every action of a service on every resource",
      "Replace 'service:*' with the actions needed, and 'Resource: *' with the ARNs they apply to.");
  public static final CfnRule WRITE_ON_STAR = new CfnRule("DD-CFN-004", MEDIUM,
      "Policy allows write or permissions-management actions on every resource",
      "Scope 'Resource' to the ARNs the actions must change; keep '*' only for actions that support no "
          + "resource-level permissions, or add a Condition.");
  public static final CfnRule PASS_ROLE = new CfnRule("DD-CFN-005", HIGH,
      "Policy allows iam:PassRole on every resource",
      "Restrict iam:PassRole to the ARNs of the roles the service may receive, and add an "
          + "iam:PassedToService condition.");
  public static final CfnRule NOT_ACTION = new CfnRule("DD-CFN-006", MEDIUM, "Policy allows with NotAction",
      "Allow + NotAction grants every action except those listed, including actions AWS adds later; "
          + "list the allowed actions with Action instead.");
  public static final CfnRule NOT_RESOURCE = new CfnRule("DD-CFN-007", MEDIUM, "Policy allows with NotResource",
      "Allow + NotResource grants on every resource except those listed; list the allowed resources with "
          + "Resource instead.");
  public static final CfnRule PUBLIC_PRINCIPAL = new CfnRule("DD-CFN-008", HIGH,
      "Resource policy allows any principal ('*') without a condition",
      "Name the accounts, roles or services allowed as Principal, or restrict '*' with a Condition such as "
          + "aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.");
  public static final CfnRule MANAGED_ADMIN = new CfnRule("DD-CFN-009", HIGH,
      "AWS managed administrator policy attached",
      "Replace AdministratorAccess, PowerUserAccess or IAMFullAccess with a customer managed policy that "
          + "grants only what the role, user or group needs.");

  /** Every IAM rule, in id order. */
  public static final List<CfnRule> ALL = List.of(NOT_CHECKED, ADMIN, STAR_ACTION, SERVICE_WILDCARD, WRITE_ON_STAR,
      PASS_ROLE, NOT_ACTION, NOT_RESOURCE, PUBLIC_PRINCIPAL, MANAGED_ADMIN);
}
