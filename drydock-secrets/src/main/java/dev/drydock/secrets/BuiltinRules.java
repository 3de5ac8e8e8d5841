package dev.drydock.secrets;

import static dev.drydock.model.Severity.CRITICAL;
import static dev.drydock.model.Severity.HIGH;
import static dev.drydock.model.Severity.LOW;
import static dev.drydock.model.Severity.MEDIUM;

import dev.drydock.model.Severity;
import dev.drydock.model.TokenShapes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in rules, written from the providers' documented token formats (gitleaks' default config used
 * for facts: rule ids, prefixes, lengths). Listed in id order; docs/secrets.md describes every one.
 */
public final class BuiltinRules {
  private BuiltinRules() {}

  /** Placeholder words that mark a value as not a real secret. */
  static final Pattern STOP_WORDS =
      Pattern.compile(
          "(?i)example|changeme|change_me|placeholder|dummy|test|xxxx|sample|fake|redacted|secret"
              + "|password|your[_-]|_here|^\\$\\{|^\\$[A-Za-z_(]|^<|^%\\(|^%[sd]$|^\\{\\{|^\\*+$|^null$|^none$");

  /** Passwords that documentation puts in URLs. */
  private static final Pattern DOC_PASSWORDS =
      Pattern.compile("(?i)^(?:pass|pwd|postgres|root|admin|user(?:name)?|mysql|mongo|guest|%s|\\*+)$");

  private static final Allowlist PLACEHOLDERS = Allowlist.secretRegexes(List.of(SecretPattern.jdk(STOP_WORDS)));
  private static final Allowlist AWS_EXAMPLE = Allowlist.secretRegexes(List.of(SecretPattern.jdk("EXAMPLE")));

  private static final String[] AWS_KEY_ID_KEYWORDS = TokenShapes.AWS_ACCESS_KEY_ID_PREFIXES.toArray(String[]::new);

  /** Separator between a name and its value: =, :, :=, =>, with optional quotes. */
  private static final String ASSIGN = "[\"']?\\s*(?::=|=>|[:=])\\s*[\"']?";
  /** Common tail: the token is not followed by more token characters. */
  private static final String END = "(?![A-Za-z0-9_-])";

  private static final List<Rule> ALL = List.of(
      r("DD-SEC-001", "AWS access key id", CRITICAL, "aws-access-token",
          "\\b(" + TokenShapes.AWS_ACCESS_KEY_ID + ")\\b", AWS_KEY_ID_KEYWORDS).allowlist(AWS_EXAMPLE).build(),
      r("DD-SEC-002", "AWS secret access key", CRITICAL, null,
          "(?i)aws[_-]?secret[_-]?(?:access[_-]?)?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
          "aws_secret_access_key", "aws_secret_key", "awssecretaccesskey", "aws-secret-access-key", "awssecretkey")
          .entropy(3.5).allowlist(AWS_EXAMPLE).build(),
      r("DD-SEC-003", "GitHub personal access token (classic)", CRITICAL, "github-pat",
          "\\b(ghp_[A-Za-z0-9]{36})\\b", "ghp_").build(),
      r("DD-SEC-004", "GitHub fine-grained personal access token", CRITICAL, "github-fine-grained-pat",
          "\\b(github_pat_[A-Za-z0-9_]{82})\\b", "github_pat_").build(),
      r("DD-SEC-005", "GitHub OAuth access token", CRITICAL, "github-oauth",
          "\\b(gho_[A-Za-z0-9]{36})\\b", "gho_").build(),
      r("DD-SEC-006", "GitHub App token", CRITICAL, "github-app-token",
          "\\b((?:ghs|ghu)_[A-Za-z0-9]{36})\\b", "ghs_", "ghu_").build(),
      r("DD-SEC-007", "GitLab personal access token", CRITICAL, "gitlab-pat",
          "\\b(glpat-[A-Za-z0-9_-]{20})" + END, "glpat-").build(),
      r("DD-SEC-008", "Slack bot token", HIGH, "slack-bot-token",
          "\\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\\b", "xoxb-").build(),
      r("DD-SEC-009", "Slack user token", HIGH, "slack-user-token",
          "\\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34})\\b", "xoxp-").build(),
      r("DD-SEC-010", "Slack app-level token", HIGH, "slack-app-token",
          "\\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[A-Za-z0-9]{32,64})\\b", "xapp-").build(),
      r("DD-SEC-011", "Slack webhook URL", HIGH, "slack-webhook-url",
          "https?://hooks\\.slack\\.com/(?:services/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\\b"
              + "|(?:workflows|triggers)/(T[A-Z0-9]{8,12}/[A-Za-z0-9]{8,12}/[0-9]{6,}/[A-Za-z0-9]{24,32})\\b)",
          "hooks.slack.com").secretGroup(0).build(),
      r("DD-SEC-012", "Stripe live secret or restricted key", CRITICAL, "stripe-access-token",
          "\\b((?:sk|rk)_live_[A-Za-z0-9]{24,99})\\b", "sk_live_", "rk_live_").build(),
      r("DD-SEC-013", "SendGrid API key", HIGH, "sendgrid-api-token",
          "\\b(SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})" + END, "sg.").build(),
      r("DD-SEC-014", "npm access token", CRITICAL, "npm-access-token",
          "\\b(npm_[A-Za-z0-9]{36})\\b", "npm_").build(),
      r("DD-SEC-015", "PyPI upload token", CRITICAL, "pypi-upload-token",
          "\\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})", "pypi-ageichlwas5vcmc").build(),
      r("DD-SEC-016", "Private key", CRITICAL, "private-key",
          "-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----[ \\t]*\\r?\\n"
              + "(?:(?!Proc-Type)[A-Za-z-]+:[^\\n]*\\n)*\\s*([A-Za-z0-9+/]{40,})",
          "private key").validator(Validators::plainKey).build(),
      r("DD-SEC-017", "Encrypted private key", LOW, "private-key",
          "-----BEGIN (?:ENCRYPTED PRIVATE KEY-----|(?:(?:RSA|EC|DSA) )?PRIVATE KEY-----\\s*"
              + "Proc-Type:[ \\t]*4,ENCRYPTED[^\\n]*\\n(?:[A-Za-z-]+:[^\\n]*\\n)*"
              + "|OPENSSH PRIVATE KEY-----[ \\t]*\\r?\\n)"
              + "\\s*([A-Za-z0-9+/]{40,})",
          "private key").validator(Validators::encryptedKey).build(),
      r("DD-SEC-018", "JSON Web Token", MEDIUM, "jwt",
          "\\b(eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})", "eyj").build(),
      r("DD-SEC-019", "Database or broker URL with a password", HIGH, null,
          "\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?)://[^:\\s/@\"'<>]*:"
              + "([^@\\s/\"'<>]+)@[^\\s/\"'<>]+",
          "postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://", "mongodb+srv://", "redis://",
          "rediss://", "amqp://", "amqps://")
          .allowlist(PLACEHOLDERS).allowlist(Allowlist.secretRegexes(List.of(SecretPattern.jdk(DOC_PASSWORDS))))
          .build(),
      r("DD-SEC-020", "Generic secret assignment", MEDIUM, "generic-api-key",
          "(?i)(?:password|passwd|secret|token|api[_-]?key)[\\w.-]{0,20}[\"']?\\s*(?::=|=>|[:=])\\s*"
              + "[\"']([^\"'\\s]{8,})[\"']",
          "password", "passwd", "secret", "token", "api_key", "apikey", "api-key")
          .entropy(3.5).allowlist(PLACEHOLDERS).tags(List.of(Rule.GENERIC)).anchored().build(),
      // AWS
      r("DD-SEC-021", "AWS secret access key next to an access key id", CRITICAL, null,
          "(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", AWS_KEY_ID_KEYWORDS)
          .entropy(4.0).allowlist(AWS_EXAMPLE).validator(Validators::awsSecretNearKeyId).build(),
      r("DD-SEC-022", "AWS session token", HIGH, null,
          "(?i)(?:aws[_-]?session[_-]?token|aws[_-]?security[_-]?token|x-amz-security-token)" + ASSIGN
              + "([A-Za-z0-9/+=]{100,})",
          "aws_session_token", "aws-session-token", "awssessiontoken", "aws_security_token", "x-amz-security-token")
          .entropy(4.0).build(),
      r("DD-SEC-023", "AWS STS session token", HIGH, null,
          "\\b((?:FwoGZXIvYXdz|IQoJb3JpZ2luX2Vj)[A-Za-z0-9/+=]{100,})", "fwogzxivyxdz", "iqojb3jpz2lux2vj").build(),
      // Google Cloud
      r("DD-SEC-024", "GCP service account private key", CRITICAL, null,
          "\"private_key\"\\s*:\\s*\"-----BEGIN (?:RSA )?PRIVATE KEY-----\\\\n([A-Za-z0-9+/]{64})",
          "\"private_key\"").validator(Validators::serviceAccountJson).build(),
      r("DD-SEC-025", "GCP API key", HIGH, "gcp-api-key", "\\b(AIza[0-9A-Za-z_-]{35})" + END, "aiza")
          .entropy(4.0).build(),
      r("DD-SEC-026", "Google OAuth client secret", HIGH, null, "\\b(GOCSPX-[0-9A-Za-z_-]{28})" + END, "gocspx-")
          .build(),
      // Azure
      r("DD-SEC-027", "Azure storage account key", CRITICAL, null,
          "(?i:AccountKey)\\s*=\\s*([A-Za-z0-9+/]{86}==)", "accountkey").entropy(4.0).build(),
      r("DD-SEC-028", "Azure shared access signature (SAS) token", HIGH, null,
          "[?&]sig=((?:[A-Za-z0-9+/]|%2[BbFf])+(?:%3[Dd]|=){0,2})", "sig=")
          .validator(Validators::sasQuery).build(),
      r("DD-SEC-029", "Azure AD client secret", HIGH, "azure-ad-client-secret",
          "(?<![A-Za-z0-9_~.])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", "q~")
          .entropy(3.0).build(),
      // GitHub, GitLab
      r("DD-SEC-030", "GitHub refresh token", CRITICAL, "github-refresh-token", "\\b(ghr_[A-Za-z0-9]{36})\\b",
          "ghr_").build(),
      r("DD-SEC-031", "GitLab pipeline trigger token", HIGH, "gitlab-ptt", "\\b(glptt-[0-9a-f]{40})\\b", "glptt-")
          .build(),
      r("DD-SEC-032", "GitLab runner registration token", HIGH, "gitlab-rrt",
          "\\b(GR1348941[0-9A-Za-z_-]{20})" + END, "gr1348941").build(),
      r("DD-SEC-033", "GitLab deploy token", HIGH, "gitlab-deploy-token", "\\b(gldt-[0-9A-Za-z_-]{20})" + END,
          "gldt-").build(),
      r("DD-SEC-034", "GitLab runner authentication token", HIGH, "gitlab-runner-authentication-token",
          "\\b(glrt-[0-9A-Za-z_-]{20})" + END, "glrt-").build(),
      r("DD-SEC-035", "GitLab CI/CD job token", MEDIUM, "gitlab-cicd-job-token",
          "\\b(glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})" + END, "glcbt-").build(),
      r("DD-SEC-036", "GitLab personal access token (routable)", CRITICAL, "gitlab-pat-routable",
          "\\b(glpat-[0-9A-Za-z_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7})\\b", "glpat-").build(),
      // Slack
      r("DD-SEC-037", "Slack configuration access token", HIGH, "slack-config-access-token",
          "(?i)\\b(xoxe\\.xox[bp]-\\d-[A-Z0-9]{163,166})\\b", "xoxe.xoxb-", "xoxe.xoxp-").build(),
      r("DD-SEC-038", "Slack configuration refresh token", HIGH, "slack-config-refresh-token",
          "(?i)\\b(xoxe-\\d-[A-Z0-9]{146})\\b", "xoxe-").build(),
      r("DD-SEC-039", "Slack legacy token", HIGH, "slack-legacy-token",
          "\\b(xox[os]-\\d+-\\d+-\\d+-[0-9a-fA-F]{8,}|xox[ar]-(?:\\d-)?[0-9A-Za-z]{8,48})\\b",
          "xoxo-", "xoxs-", "xoxa-", "xoxr-").entropy(3.0).build(),
      // Messaging, e-mail
      r("DD-SEC-040", "Twilio API key", HIGH, "twilio-api-key", "\\b(SK[0-9a-fA-F]{32})\\b", "twilio")
          .entropy(3.0).build(),
      r("DD-SEC-041", "Twilio auth token", HIGH, null,
          "\\bAC[0-9a-f]{32}:([0-9a-f]{32})@|(?i:twilio[\\w.-]{0,20}?auth[_-]?token)" + ASSIGN + "([0-9a-f]{32})\\b",
          "twilio").secretGroup(0).entropy(3.0).build(),
      r("DD-SEC-042", "Mailgun private API key", HIGH, "mailgun-private-api-token", "\\b(key-[0-9a-f]{32})\\b",
          "mailgun").entropy(3.0).build(),
      r("DD-SEC-043", "Mailgun API or webhook signing key", HIGH, null,
          "\\b([0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\\b", "mailgun").entropy(3.0).build(),
      r("DD-SEC-044", "Docker Hub access token", HIGH, null, "\\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27})" + END,
          "dckr_pat_", "dckr_oat_").build(),
      r("DD-SEC-045", "Heroku API key", HIGH, "heroku-api-key",
          "(?i:heroku)[\\w.-]{0,30}" + ASSIGN
              + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b",
          "heroku").build(),
      r("DD-SEC-046", "Heroku API key (v2)", HIGH, "heroku-api-key-v2", "\\b(HRKU-AA[0-9A-Za-z_-]{58})" + END,
          "hrku-aa").build(),
      // Shopify
      r("DD-SEC-047", "Shopify access token", HIGH, "shopify-access-token", "\\b(shpat_[a-fA-F0-9]{32})\\b",
          "shpat_").build(),
      r("DD-SEC-048", "Shopify custom app access token", HIGH, "shopify-custom-access-token",
          "\\b(shpca_[a-fA-F0-9]{32})\\b", "shpca_").build(),
      r("DD-SEC-049", "Shopify private app access token", HIGH, "shopify-private-app-access-token",
          "\\b(shppa_[a-fA-F0-9]{32})\\b", "shppa_").build(),
      r("DD-SEC-050", "Shopify shared secret", HIGH, "shopify-shared-secret", "\\b(shpss_[a-fA-F0-9]{32})\\b",
          "shpss_").build(),
      // Credential files
      r("DD-SEC-051", "Docker registry credentials (config.json auth)", HIGH, null,
          "\"auth\"\\s*:\\s*\"([A-Za-z0-9+/]{6,}={0,2})\"", "\"auth\"").validator(Validators::dockerAuth).build(),
      r("DD-SEC-052", "Jenkins encrypted credential", HIGH, null,
          "<(?!privateKey>)([A-Za-z]+)>\\s*(\\{AQAAABAAAA[A-Za-z0-9+/=]{20,}\\})\\s*</\\1>", "{aqaaabaaaa")
          .secretGroup(2).build(),
      r("DD-SEC-053", "Jenkins encrypted private key", HIGH, null,
          "<privateKey>\\s*(\\{AQAAABAAAA[A-Za-z0-9+/=]{20,}\\})\\s*</privateKey>", "<privatekey>").build(),
      r("DD-SEC-054", ".netrc password", HIGH, null,
          "\\bmachine\\s+\\S+\\s+(?:(?:login|account)\\s+\\S+\\s+)*password\\s+([^\\s\"']{4,})"
              + "|\\bdefault\\s+login\\s+\\S+\\s+(?:account\\s+\\S+\\s+)?password\\s+([^\\s\"']{4,})",
          "machine", "default").secretGroup(0).allowlist(PLACEHOLDERS).anchored().build(),
      Rule.builder("DD-SEC-055").description(".pgpass password").severity(HIGH)
          .path(SecretPattern.jdk("(?:^|/)\\.?pgpass(?:\\.conf)?$"))
          .regex(SecretPattern.jdk("(?m)^[^:#\\s][^:\\s]*:(?:\\d+|\\*):[^:\\s]+:[^:\\s]+:(\\S+)$")).secretGroup(1)
          .allowlist(PLACEHOLDERS).build(),
      Rule.builder("DD-SEC-056").description(".git-credentials token").severity(HIGH)
          .path(SecretPattern.jdk("(?:^|/)\\.git-credentials$"))
          .regex(SecretPattern.jdk("https?://[^:@\\s/]+:([^@\\s/]+)@[^\\s/]+")).secretGroup(1)
          .allowlist(PLACEHOLDERS).build(),
      r("DD-SEC-057", "Git hosting URL with embedded credentials", HIGH, null,
          "https?://[^:@\\s/\"'<>]+:([^@\\s/\"'<>]{8,})@"
              + "(?:github\\.com|gitlab\\.com|bitbucket\\.org|dev\\.azure\\.com)\\b",
          "@github.com", "@gitlab.com", "@bitbucket.org", "@dev.azure.com").allowlist(PLACEHOLDERS).build(),
      // Developer platforms
      r("DD-SEC-058", "Atlassian API token", HIGH, "atlassian-api-token",
          "\\b(ATATT3[A-Za-z0-9_=-]{186})(?![A-Za-z0-9_=-])",
          "atatt3").build(),
      r("DD-SEC-059", "Bitbucket app password", HIGH, null, "\\b(ATBB[A-Za-z0-9_=.-]{32})(?![A-Za-z0-9_=.-])",
          "atbb").entropy(3.5).build(),
      r("DD-SEC-060", "DigitalOcean personal access token", HIGH, "digitalocean-pat", "\\b(dop_v1_[a-f0-9]{64})\\b",
          "dop_v1_").build(),
      r("DD-SEC-061", "DigitalOcean OAuth access token", HIGH, "digitalocean-access-token",
          "\\b(doo_v1_[a-f0-9]{64})\\b", "doo_v1_").build(),
      r("DD-SEC-062", "DigitalOcean OAuth refresh token", HIGH, "digitalocean-refresh-token",
          "\\b(dor_v1_[a-f0-9]{64})\\b", "dor_v1_").build(),
      r("DD-SEC-063", "Databricks API token", HIGH, "databricks-api-token", "\\b(dapi[a-f0-9]{32}(?:-\\d)?)\\b",
          "dapi").entropy(3.0).build(),
      r("DD-SEC-064", "Datadog API key", HIGH, null,
          "(?i:datadog|\\bdd)[_-]?(?i:api)[_-]?(?i:key)" + ASSIGN + "([a-f0-9]{32})\\b", "datadog", "dd_api_key",
          "dd-api-key").entropy(3.0).build(),
      r("DD-SEC-065", "Discord bot token", HIGH, null,
          "\\b([MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})" + END, "discord")
          .entropy(4.0).build(),
      r("DD-SEC-066", "Discord webhook URL", MEDIUM, null,
          "https://(?:(?:canary|ptb)\\.)?discord(?:app)?\\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_-]{60,68})" + END,
          "discord.com/api/webhooks", "discordapp.com/api/webhooks").build(),
      r("DD-SEC-067", "Dropbox short-lived access token", HIGH, "dropbox-short-lived-api-token",
          "\\b(sl\\.[A-Za-z0-9_-]{130,152})" + END, "dropbox").build(),
      r("DD-SEC-068", "Figma personal access token", HIGH, null, "\\b(figd_[A-Za-z0-9_-]{40,})", "figd_").build(),
      r("DD-SEC-069", "Grafana Cloud API token", HIGH, "grafana-cloud-api-token",
          "\\b(glc_[A-Za-z0-9+/]{32,400}={0,3})", "glc_").entropy(3.0).build(),
      r("DD-SEC-070", "Grafana service account token", HIGH, "grafana-service-account-token",
          "\\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\\b", "glsa_").build(),
      r("DD-SEC-071", "Grafana API key", HIGH, "grafana-api-key", "\\b(eyJrIjoi[A-Za-z0-9]{70,400}={0,3})",
          "eyjrijoi").entropy(3.0).build(),
      r("DD-SEC-072", "HashiCorp Vault service token", HIGH, "vault-service-token",
          "\\b(hvs\\.[A-Za-z0-9_-]{90,120})" + END, "hvs.").build(),
      r("DD-SEC-073", "HashiCorp Vault batch token", HIGH, "vault-batch-token",
          "\\b(hvb\\.[A-Za-z0-9_-]{138,300})" + END,
          "hvb.").build(),
      r("DD-SEC-074", "HashiCorp Terraform Cloud API token", HIGH, "hashicorp-tf-api-token",
          "\\b([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])", "atlasv1").entropy(3.5).build(),
      // AI, SaaS
      r("DD-SEC-075", "Hugging Face access token", HIGH, "huggingface-access-token", "\\b(hf_[A-Za-z]{34})\\b",
          "hf_").entropy(3.0).build(),
      r("DD-SEC-076", "Hugging Face organization API token", HIGH, "huggingface-organization-api-token",
          "\\b(api_org_[A-Za-z]{34})\\b", "api_org_").entropy(3.0).build(),
      r("DD-SEC-077", "Linear API key", HIGH, "linear-api-key", "\\b(lin_api_[A-Za-z0-9]{40})\\b", "lin_api_").build(),
      r("DD-SEC-078", "New Relic user API key", HIGH, "new-relic-user-api-key", "\\b(NRAK-[A-Z0-9]{27})\\b", "nrak-")
          .build(),
      r("DD-SEC-079", "New Relic insert key", HIGH, "new-relic-insert-key", "\\b(NRII-[A-Za-z0-9_-]{32})" + END,
          "nrii-").build(),
      r("DD-SEC-080", "Notion API token", HIGH, "notion-api-token", "\\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\\b", "ntn_")
          .entropy(4.0).build(),
      r("DD-SEC-081", "OpenAI API key", HIGH, "openai-api-key",
          "\\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}"
              + "|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})" + END,
          "t3blbkfj").build(),
      r("DD-SEC-082", "Anthropic API key", HIGH, "anthropic-api-key", "\\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)" + END,
          "sk-ant-api03").build(),
      r("DD-SEC-083", "Anthropic admin API key", CRITICAL, "anthropic-admin-api-key",
          "\\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)" + END, "sk-ant-admin01").build(),
      r("DD-SEC-084", "Postman API key", HIGH, "postman-api-token", "\\b(PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34})\\b",
          "pmak-").build(),
      r("DD-SEC-085", "Pulumi access token", HIGH, "pulumi-api-token", "\\b(pul-[a-f0-9]{40})\\b", "pul-").build(),
      r("DD-SEC-086", "Sentry user auth token", HIGH, "sentry-user-token", "\\b(sntryu_[a-f0-9]{64})\\b", "sntryu_")
          .build(),
      r("DD-SEC-087", "Sentry organization auth token", HIGH, "sentry-org-token",
          "\\b(sntrys_eyJpYXQiO[A-Za-z0-9+/=]{20,400}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/])", "sntrys_eyjpyxqio")
          .build(),
      r("DD-SEC-088", "Square access token", HIGH, "square-access-token",
          "\\b(EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})" + END, "eaaa", "sq0atp-").entropy(3.5).build(),
      r("DD-SEC-089", "Square OAuth secret", HIGH, null, "\\b(sq0csp-[A-Za-z0-9_-]{43})" + END, "sq0csp-").build(),
      r("DD-SEC-090", "Telegram bot token", HIGH, "telegram-bot-api-token",
          "(?<![\\w])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})" + END, "telegr").build(),
      r("DD-SEC-091", "Okta API token", HIGH, "okta-access-token", "(?<![\\w-])(00[A-Za-z0-9_-]{40})" + END, "okta")
          .entropy(4.0).build(),
      r("DD-SEC-092", "Doppler token", HIGH, "doppler-api-token",
          "\\b(dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44})\\b", "dp.pt.", "dp.st.", "dp.sa.", "dp.ct.",
          "dp.scim.", "dp.audit.").build(),
      r("DD-SEC-093", "age secret key", CRITICAL, "age-secret-key",
          "\\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\\b", "age-secret-key-1").build(),
      // Other clouds, CDNs
      r("DD-SEC-094", "Alibaba Cloud AccessKey ID", HIGH, "alibaba-access-key-id", "\\b(LTAI[A-Za-z0-9]{20})\\b",
          "ltai").entropy(3.0).build(),
      r("DD-SEC-095", "Tencent Cloud SecretId", HIGH, null, "\\b(AKID[A-Za-z0-9]{32})\\b", "akid").entropy(3.5)
          .build(),
      r("DD-SEC-096", "Cloudflare API token", HIGH, "cloudflare-api-key",
          "(?i:cloudflare)[\\w.-]{0,30}" + ASSIGN + "([A-Za-z0-9_-]{40})" + END, "cloudflare").entropy(3.5).build(),
      r("DD-SEC-097", "Cloudflare global API key", HIGH, "cloudflare-global-api-key",
          "(?i:cloudflare)[\\w.-]{0,30}" + ASSIGN + "([a-f0-9]{37})\\b", "cloudflare").entropy(3.0).build(),
      r("DD-SEC-098", "Cloudflare origin CA key", HIGH, "cloudflare-origin-ca-key",
          "\\b(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})\\b", "v1.0-").build(),
      r("DD-SEC-099", "Fastly API token", HIGH, "fastly-api-token",
          "(?i:fastly)[\\w.-]{0,30}" + ASSIGN + "([A-Za-z0-9_-]{32})" + END, "fastly").entropy(3.5).build(),
      r("DD-SEC-100", "Algolia admin API key", HIGH, "algolia-api-key",
          "(?i:algolia)[\\w.-]{0,30}" + ASSIGN + "([a-f0-9]{32})\\b", "algolia").entropy(3.0).build(),
      r("DD-SEC-101", "Asana personal access token", HIGH, null,
          "\\b([012]/[0-9]{16}(?:/[0-9]{16})?:[A-Za-z0-9]{32})\\b", "asana").build(),
      r("DD-SEC-102", "Mapbox secret access token", HIGH, null,
          "\\b(sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,})", "sk.eyj").build(),
      r("DD-SEC-103", "PlanetScale token or password", HIGH, "planetscale-api-token",
          "\\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64})(?![A-Za-z0-9_=.-])", "pscale_tkn_", "pscale_pw_",
          "pscale_oauth_").entropy(3.0).build(),
      r("DD-SEC-104", "Stripe webhook signing secret", HIGH, null, "\\b(whsec_[A-Za-z0-9]{32,})\\b", "whsec_")
          .build(),
      r("DD-SEC-105", "1Password service account token", CRITICAL, "1password-service-account-token",
          "\\b(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})", "ops_eyj").build(),
      r("DD-SEC-106", "Artifactory API key", HIGH, "artifactory-api-key", "\\b(AKCp[A-Za-z0-9]{69})\\b", "akcp")
          .entropy(4.5).build(),
      r("DD-SEC-107", "Dynatrace API token", HIGH, "dynatrace-api-token",
          "\\b(dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64})\\b", "dt0c01.").build(),
      r("DD-SEC-108", "RubyGems API key", HIGH, "rubygems-api-token", "\\b(rubygems_[a-f0-9]{48})\\b", "rubygems_")
          .build(),
      r("DD-SEC-109", "Brevo (Sendinblue) API key", HIGH, "sendinblue-api-token",
          "\\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\\b", "xkeysib-").build(),
      r("DD-SEC-110", "Microsoft Teams webhook URL", MEDIUM, "microsoft-teams-webhook",
          "https://[a-z0-9-]+\\.webhook\\.office\\.com/(webhookb2/[a-z0-9-]{36}@[a-z0-9-]{36}/IncomingWebhook/"
              + "[a-z0-9]{32}/[a-z0-9-]{36})",
          "webhook.office.com").build(),
      r("DD-SEC-111", "Kubeconfig client key data", CRITICAL, null,
          "client-key-data:\\s*[\"']?([A-Za-z0-9+/]{40,}={0,2})", "client-key-data")
          .validator(Validators::base64Pem).build(),
      r("DD-SEC-112", "PuTTY private key", CRITICAL, null,
          "Private-Lines:[ \\t]*\\d+\\r?\\n([A-Za-z0-9+/]{40,})", "private-lines:")
          .validator((secret, text, m) -> Validators.puttyEncryption(text, m.start()) == Boolean.FALSE).build(),
      r("DD-SEC-113", "Encrypted PuTTY private key", LOW, null,
          "Private-Lines:[ \\t]*\\d+\\r?\\n([A-Za-z0-9+/]{40,})", "private-lines:")
          .validator((secret, text, m) -> Validators.puttyEncryption(text, m.start()) == Boolean.TRUE).build(),
      r("DD-SEC-114", "npm registry credentials (.npmrc _auth/_authToken/_password)", HIGH, null,
          "(?m)^[ \\t]*(?://[^\\s=]+:)?_(?:auth|authToken|password)[ \\t]*=[ \\t]*[\"']?([^\\s\"']{8,})",
          "_auth", "_password").entropy(3.0).allowlist(PLACEHOLDERS).build(),
      // Java .properties and .env files hold unquoted values (db.password=...), which DD-SEC-020 does not take
      Rule.builder("DD-SEC-115").description("Password or token in a .properties or .env file").severity(HIGH)
          .path(SecretPattern.jdk("(?i)(?:\\.properties|(?:^|/)\\.env(?:\\.[\\w.-]+)?|\\.env)$"))
          .regex(SecretPattern.jdk("(?im)^[ \\t]*(?:export[ \\t]+)?[\\w.-]*(?:password|passwd|pwd|secret|token"
              + "|api[_.-]?key)[\\w.-]*[ \\t]*[=:][ \\t]*(?!ENC\\()([^\\s\"'#$%{<][^\\s\"'#]{7,})[ \\t]*$"))
          .secretGroup(1).keywords(List.of("password", "passwd", "pwd", "secret", "token", "api"))
          .entropy(3.0).allowlist(PLACEHOLDERS).tags(List.of(Rule.GENERIC)).build());

  /** All built-in rules, in id order. */
  public static List<Rule> all() {
    return ALL;
  }

  /** A java.util.regex rule; the secret is group 1 when the regex has a group. */
  private static Rule.Builder r(String id, String description, Severity severity, String gitleaksId, String regex,
      String... keywords) {
    SecretPattern p = SecretPattern.jdk(regex);
    return Rule.builder(id).description(description).severity(severity).gitleaksId(gitleaksId).regex(p)
        .secretGroup(p.groupCount() > 0 ? 1 : 0).keywords(keywords);
  }
}
