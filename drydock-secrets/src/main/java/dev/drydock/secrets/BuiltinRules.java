package dev.drydock.secrets;

import dev.drydock.model.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** The built-in rules, written from the providers' documented token formats. */
public final class BuiltinRules {
  private BuiltinRules() {}

  /** Placeholder words that mark a value as not a real secret. */
  static final Pattern STOP_WORDS =
      Pattern.compile(
          "(?i)example|changeme|change_me|placeholder|dummy|test|xxxx|sample|fake|redacted|secret"
              + "|password|your[_-]|^\\$\\{|^\\$[A-Za-z_]|^<|^%\\(|^\\{\\{|^\\*+$");

  /** Passwords that documentation puts in database URLs. */
  private static final Pattern DOC_PASSWORDS =
      Pattern.compile("(?i)^(?:pass|pwd|postgres|root|admin|user(?:name)?|mysql|mongo|%s|\\*+)$");

  private static final Pattern AWS_EXAMPLE = Pattern.compile("EXAMPLE");

  private static final List<Rule> ALL =
      List.of(
          rule("DD-SEC-001", "AWS access key id", List.of("akia", "asia"),
              "\\b((?:AKIA|ASIA)[A-Z0-9]{16})\\b", 1, null, List.of(AWS_EXAMPLE), Severity.CRITICAL,
              "aws-access-token"),
          rule("DD-SEC-002", "AWS secret access key",
              List.of("aws_secret_access_key", "aws_secret_key", "awssecretaccesskey", "aws-secret-access-key"),
              "(?i)aws[_-]?secret[_-]?(?:access[_-]?)?key[\"']?\\s*[:=]\\s*[\"']?"
                  + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
              1, 3.5, List.of(AWS_EXAMPLE), Severity.CRITICAL, null),
          rule("DD-SEC-003", "GitHub personal access token (classic)", List.of("ghp_"),
              "\\b(ghp_[A-Za-z0-9]{36})\\b", 1, null, List.of(), Severity.CRITICAL, "github-pat"),
          rule("DD-SEC-004", "GitHub fine-grained personal access token", List.of("github_pat_"),
              "\\b(github_pat_[A-Za-z0-9_]{82})\\b", 1, null, List.of(), Severity.CRITICAL,
              "github-fine-grained-pat"),
          rule("DD-SEC-005", "GitHub OAuth access token", List.of("gho_"),
              "\\b(gho_[A-Za-z0-9]{36})\\b", 1, null, List.of(), Severity.CRITICAL, "github-oauth"),
          rule("DD-SEC-006", "GitHub App token", List.of("ghs_", "ghu_"),
              "\\b((?:ghs|ghu)_[A-Za-z0-9]{36})\\b", 1, null, List.of(), Severity.CRITICAL,
              "github-app-token"),
          rule("DD-SEC-007", "GitLab personal access token", List.of("glpat-"),
              "\\b(glpat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])", 1, null, List.of(), Severity.CRITICAL,
              "gitlab-pat"),
          rule("DD-SEC-008", "Slack bot token", List.of("xoxb-"),
              "\\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\\b", 1, null, List.of(),
              Severity.HIGH, "slack-bot-token"),
          rule("DD-SEC-009", "Slack user token", List.of("xoxp-"),
              "\\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})\\b", 1, null,
              List.of(), Severity.HIGH, "slack-user-token"),
          rule("DD-SEC-010", "Slack app-level token", List.of("xapp-"),
              "\\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[A-Za-z0-9]{32,64})\\b", 1, null, List.of(),
              Severity.HIGH, "slack-app-token"),
          rule("DD-SEC-011", "Slack incoming webhook URL", List.of("hooks.slack.com"),
              "https?://hooks\\.slack\\.com/services/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\\b",
              1, null, List.of(), Severity.HIGH, "slack-webhook-url"),
          rule("DD-SEC-012", "Stripe live secret or restricted key", List.of("sk_live_", "rk_live_"),
              "\\b((?:sk|rk)_live_[A-Za-z0-9]{24,99})\\b", 1, null, List.of(), Severity.CRITICAL,
              "stripe-access-token"),
          rule("DD-SEC-013", "SendGrid API key", List.of("sg."),
              "\\b(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])", 1, null, List.of(),
              Severity.HIGH, "sendgrid-api-token"),
          rule("DD-SEC-014", "npm access token", List.of("npm_"),
              "\\b(npm_[A-Za-z0-9]{36})\\b", 1, null, List.of(), Severity.CRITICAL, "npm-access-token"),
          rule("DD-SEC-015", "PyPI upload token", List.of("pypi-ageichlwas5vcmc"),
              "\\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", 1, null, List.of(), Severity.CRITICAL,
              "pypi-upload-token"),
          rule("DD-SEC-016", "Private key", List.of("private key"),
              "-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----[ \\t]*\\r?\\n"
                  + "(?:(?!Proc-Type)[A-Za-z-]+:[^\\n]*\\n)*\\s*([A-Za-z0-9+/]{40,})",
              1, null, List.of(), Severity.CRITICAL, "private-key"),
          rule("DD-SEC-017", "Encrypted private key", List.of("private key"),
              "-----BEGIN (?:ENCRYPTED PRIVATE KEY-----|(?:(?:RSA|EC|DSA) )?PRIVATE KEY-----\\s*"
                  + "Proc-Type:[ \\t]*4,ENCRYPTED[^\\n]*\\n(?:[A-Za-z-]+:[^\\n]*\\n)*)\\s*([A-Za-z0-9+/]{40,})",
              1, null, List.of(), Severity.LOW, "private-key"),
          rule("DD-SEC-018", "JSON Web Token", List.of("eyj"),
              "\\b(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})", 1, null,
              List.of(), Severity.MEDIUM, "jwt"),
          rule("DD-SEC-019", "Database URL with a password",
              List.of("postgres://", "postgresql://", "mysql://", "mongodb://", "mongodb+srv://"),
              "\\b(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?)://[^:\\s/@\"'<>]+:([^@\\s/\"'<>]+)@[^\\s/\"'<>]+",
              1, null, List.of(STOP_WORDS, DOC_PASSWORDS), Severity.HIGH, null),
          rule("DD-SEC-020", "Generic secret assignment",
              List.of("password", "passwd", "secret", "token", "api_key", "apikey", "api-key"),
              "(?i)(?:password|passwd|secret|token|api[_-]?key)[\\w.-]{0,20}[\"']?\\s*(?::=|=>|[:=])\\s*"
                  + "[\"']([^\"'\\s]{8,})[\"']",
              1, 3.5, List.of(STOP_WORDS), Severity.MEDIUM, "generic-api-key"));

  /** All built-in rules, in id order. */
  public static List<Rule> all() {
    return ALL;
  }

  private static Rule rule(
      String id, String description, List<String> keywords, String regex, int group, Double entropy,
      List<Pattern> allowlist, Severity severity, String gitleaksId) {
    return new Rule(id, description, keywords, Pattern.compile(regex), group, entropy, allowlist, severity,
        gitleaksId);
  }
}
