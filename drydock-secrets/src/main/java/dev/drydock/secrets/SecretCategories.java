package dev.drydock.secrets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a secret unlocks, derived from the rule that found it (docs/secrets.md, "Categories"). A baseline selects
 * secrets by it ({@code class: tag:secret:private-key}); the built-in baseline fails on {@link #PRIVATE_KEY},
 * {@link #CLOUD} and {@link #CI} and warns on the others.
 */
public final class SecretCategories {
  /** Private key material: PEM, OpenSSH, PuTTY, PGP, age keys, a kubeconfig's client key (encrypted ones too). */
  public static final String PRIVATE_KEY = "private-key";
  /**
   * Cloud and infrastructure: AWS, Google Cloud, Azure, Alibaba, Tencent, DigitalOcean, Heroku, Cloudflare,
   * Fastly, kubeconfig and CLI credential files, and the tools that hold or apply infrastructure secrets
   * (HashiCorp Vault and Terraform Cloud, Pulumi, Doppler, 1Password).
   */
  public static final String CLOUD = "cloud";
  /**
   * Source hosting, CI/CD and package or image registries: whoever holds one can change code or what others
   * build from it (GitHub, GitLab, Bitbucket, git credentials, npm, PyPI, RubyGems, Docker Hub and registry
   * auth, Artifactory, Jenkins).
   */
  public static final String CI = "ci";
  /** Other services' API keys and webhooks (Slack, Stripe, Twilio, OpenAI, Datadog, ...). */
  public static final String SAAS = "saas";
  /** Passwords and tokens of no known provider (generic assignments, URLs with a password, JWTs, .netrc). */
  public static final String GENERIC = "generic";

  /** Every category, most serious first. */
  public static final List<String> ALL = List.of(PRIVATE_KEY, CLOUD, CI, SAAS, GENERIC);

  private static final Map<String, String> BY_RULE = byRule();
  private static final Map<String, String> BY_GITLEAKS_ID = byGitleaksId();

  private SecretCategories() {}

  /**
   * The category of a rule: one of its tags when that is a category name (custom rules say so with
   * {@code tags = ["cloud"]}), else that of the built-in rule with the same drydock or gitleaks id, else
   * {@link #GENERIC}.
   */
  public static String of(Rule rule) {
    for (String tag : rule.tags()) {
      if (ALL.contains(tag) && !tag.equals(GENERIC)) {
        return tag;
      }
    }
    String byId = known(rule.id());
    if (byId != null) {
      return byId;
    }
    String byGitleaks = rule.gitleaksId() == null ? null : BY_GITLEAKS_ID.get(rule.gitleaksId());
    return byGitleaks != null ? byGitleaks : GENERIC;
  }

  /**
   * The category of a finding of rule {@code ruleId}, for results written before findings carried one: the
   * built-in rule's (by drydock or gitleaks id), else {@link #GENERIC}.
   */
  public static String ofRuleId(String ruleId) {
    String c = ruleId == null ? null : known(ruleId);
    return c == null ? GENERIC : c;
  }

  private static String known(String id) {
    String c = BY_RULE.get(id);
    return c != null ? c : BY_GITLEAKS_ID.get(id);
  }

  private static Map<String, String> byRule() {
    Map<String, String> m = new HashMap<>();
    put(m, PRIVATE_KEY, 16, 17, 53, 93, 111, 112, 113, 201);
    put(m, CLOUD, 1, 2, 21, 22, 23, 24, 25, 26, 27, 28, 29, 45, 46, 60, 61, 62, 72, 73, 74, 85, 92, 94, 95, 96, 97,
        98, 99, 105, 202, 203, 204, 205);
    put(m, CI, 3, 4, 5, 6, 7, 14, 15, 30, 31, 32, 33, 34, 35, 36, 44, 51, 52, 56, 57, 59, 106, 108, 114, 206);
    put(m, SAAS, 8, 9, 10, 11, 12, 13, 37, 38, 39, 40, 41, 42, 43, 47, 48, 49, 50, 58, 63, 64, 65, 66, 67, 68, 69,
        70, 71, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 86, 87, 88, 89, 90, 91, 100, 101, 102, 103, 104, 107, 109,
        110);
    put(m, GENERIC, 18, 19, 20, 54, 55, 115, 207);
    return Map.copyOf(m);
  }

  private static void put(Map<String, String> m, String category, int... numbers) {
    for (int n : numbers) {
      String id = String.format("DD-SEC-%03d", n);
      if (m.put(id, category) != null) {
        throw new IllegalStateException(id + " has two categories");
      }
    }
  }

  private static Map<String, String> byGitleaksId() {
    Map<String, String> m = new HashMap<>();
    for (Rule r : BuiltinRules.all()) {
      if (r.gitleaksId() != null && BY_RULE.containsKey(r.id())) {
        m.putIfAbsent(r.gitleaksId(), BY_RULE.get(r.id()));
      }
    }
    return Map.copyOf(m);
  }
}
