package dev.drydock.secrets.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Severity;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.Rule;
import dev.drydock.secrets.SecretScanner;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RuleFileTest {
  private static final Random RANDOM = new Random(7);

  private static String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static String alnum(int n) {
    return of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RuleFileTest.class.getResource(name).toURI());
  }

  private static List<ExposedSecret> scan(List<Rule> rules, String path, String text) {
    return new SecretScanner(rules).scan(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Rule> gitleaks(String toml) {
    return RuleFile.parse(Path.of(".gitleaks.toml"), toml).rules();
  }

  @Test
  void aGitleaksConfigExtendsTheBuiltinRules() throws Exception {
    RuleFile.Loaded loaded = RuleFile.load(resource("team.gitleaks.toml"));
    assertThat(loaded.useDefault()).isTrue();
    List<String> ids = loaded.rules().stream().map(Rule::id).toList();
    assertThat(ids).contains("DD-SEC-001", "DD-SEC-003", "acme-api-key", "pkcs12-file")
        .doesNotContain("DD-SEC-020", "github-pat")
        .hasSize(BuiltinRules.all().size() - 1 + 2);
    String key = alnum(32).toLowerCase();
    String ghp = "ghp_" + alnum(36);
    List<ExposedSecret> found = scan(loaded.rules(), "app/settings.py", "ACME_KEY = '" + key + "'\nGH = " + ghp
        + "\npassword = \"" + alnum(24) + "\"\n");
    assertThat(found).extracting(ExposedSecret::ruleId).containsExactly("acme-api-key", "DD-SEC-003");
    assertThat(found.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(found.get(0).redacted()).isEqualTo(key.substring(0, 4) + "****");
    // stopwords of the rule, path allowlist added to a built-in rule, global path allowlist
    assertThat(scan(loaded.rules(), "a.py", "acme_key = 'sample" + alnum(26).toLowerCase() + "'")).isEmpty();
    assertThat(scan(loaded.rules(), "test/fixtures/gh.txt", ghp)).isEmpty();
    assertThat(scan(loaded.rules(), "src/gh.txt", ghp)).hasSize(1);
    assertThat(scan(loaded.rules(), "vendor/lib/gh.txt", ghp)).isEmpty();
    assertThat(scan(loaded.rules(), "certs/client.PFX", "binary")).extracting(ExposedSecret::ruleId)
        .containsExactly("pkcs12-file");
  }

  @Test
  void withoutUseDefaultOnlyTheFilesRulesRun() {
    List<Rule> rules = gitleaks("""
        [[rules]]
        id = "corp"
        regex = '''corp_[0-9a-f]{8}'''
        keywords = ["corp_"]
        """);
    assertThat(rules).extracting(Rule::id).containsExactly("corp");
    assertThat(rules.get(0).gitleaksId()).isEqualTo("corp");
    assertThat(scan(rules, "f", "ghp_" + alnum(36) + " corp_0a1b2c3d")).extracting(ExposedSecret::ruleId)
        .containsExactly("corp");
  }

  @Test
  void allowlistTargetsConditionsAndTheOldSingleTable() {
    List<Rule> rules = gitleaks("""
        [[rules]]
        id = "tok"
        regex = '''tok_([a-z0-9]{12})'''
        keywords = ["tok_"]
        [rules.allowlist]
        regexes = ['''^0+$''']
        [[rules.allowlists]]
        regexTarget = "match"
        regexes = ['''^tok_aaaa''']
        [[rules.allowlists]]
        regexTarget = "line"
        regexes = ['''#\\s*fixture''']
        [[rules.allowlists]]
        condition = "AND"
        paths = ['''^docs/''']
        stopwords = ["demo"]

        [[allowlists]]
        targetRules = ["other"]
        regexes = ['''.*''']
        """);
    assertThat(scan(rules, "f", "tok_abcdef123456")).hasSize(1);
    assertThat(scan(rules, "f", "tok_abcdef123456")).singleElement().extracting(ExposedSecret::redacted)
        .isEqualTo("abcd****");
    assertThat(scan(rules, "f", "tok_000000000000")).isEmpty();
    assertThat(scan(rules, "f", "tok_aaaa12345678")).isEmpty();
    assertThat(scan(rules, "f", "x = tok_abcdef123456  # fixture")).isEmpty();
    assertThat(scan(rules, "docs/a.md", "tok_demo12345678")).isEmpty();
    assertThat(scan(rules, "src/a.md", "tok_demo12345678")).hasSize(1);
    assertThat(scan(rules, "docs/a.md", "tok_abcd12345678")).hasSize(1);
  }

  @Test
  void aYamlRuleFileWithSeverityAndLineAllowlist() throws Exception {
    RuleFile.Loaded loaded = RuleFile.load(resource("rules.yaml"));
    assertThat(loaded.useDefault()).isFalse();
    String tok = "corp_" + of("0123456789abcdef", 40);
    List<ExposedSecret> found = scan(loaded.rules(), "f", "a: " + tok + "\nb: " + tok + " # example.invalid\n");
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.title()).isEqualTo("Corp internal token");
    });
  }

  @Test
  void aDrydockTomlFileAddsToTheBuiltinsByDefault() {
    RuleFile.Loaded loaded = RuleFile.parse(Path.of("drydock-secrets.toml"), """
        [[rules]]
        id = "corp"
        regex = '''corp_[0-9a-f]{8}'''
        keywords = ["corp_"]
        severity = "low"
        """);
    assertThat(loaded.useDefault()).isTrue();
    assertThat(loaded.rules()).hasSize(BuiltinRules.all().size() + 1);
    assertThat(loaded.rules().get(loaded.rules().size() - 1).severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void aRuleWithoutKeywordsRunsOverTheWholeFile() {
    List<Rule> rules = gitleaks("""
        [[rules]]
        id = "pin"
        regex = '''\\bPIN=(\\d{6})\\b'''
        """);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("line ").append(i).append('\n');
    }
    sb.append("PIN=493817\n");
    assertThat(scan(rules, "f", sb.toString())).extracting(ExposedSecret::line).containsExactly(20_001);
  }

  @Test
  void anInvalidRegexNamesTheFileLineAndRule() {
    String toml = """
        title = "x"

        [[rules]]
        id = "good"
        regex = '''ok_[a-z]+'''

        [[rules]]
        id = "broken"
        description = "unclosed group"
        regex = '''(abc'''
        keywords = ["abc"]
        """;
    assertThatThrownBy(() -> RuleFile.parse(Path.of("cfg/.gitleaks.toml"), toml))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("cfg/.gitleaks.toml:10: rule 'broken': invalid regex: ")
        .hasMessageContaining("(abc");
  }

  @Test
  void otherBadContentGivesOneLineErrors() {
    assertThatThrownBy(() -> gitleaks("[[rules]]\nid = \"x\"\nregex = '''a(b)'''\nsecretGroup = 3\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessage(".gitleaks.toml:4: rule 'x': secretGroup 3 but the regex has 1 groups");
    assertThatThrownBy(() -> gitleaks("[[rules]]\nid = \"x\"\nregexx = 'a'\n"))
        .isInstanceOf(DrydockException.class).hasMessageContaining("rule 'x': unknown key 'regexx'");
    assertThatThrownBy(() -> gitleaks("[[rules]]\nid = \"x\"\n"))
        .isInstanceOf(DrydockException.class).hasMessageContaining("rule 'x': needs a regex or a path");
    assertThatThrownBy(() -> gitleaks("[[rules]\nid = \"x\"\n"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith(".gitleaks.toml: not a valid rule file");
    assertThatThrownBy(() -> gitleaks("[[rules]]\nid = \"x\"\nregex = 'a'\n[[rules.allowlists]]\nregexes = ['(']\n"))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(".gitleaks.toml:5: rule 'x': invalid allowlist regex");
    assertThatThrownBy(() -> RuleFile.load(Path.of("does/not/exist.toml")))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("does/not/exist.toml: cannot read rule file");
  }

  @Test
  void goRegexSyntaxOfGitleaksConfigsIsAccepted() {
    // constructs found in gitleaks' default config: inline flag groups, (?-i:...), named groups, \x60, \z
    List<Rule> rules = gitleaks("""
        [[rules]]
        id = "ctx"
        regex = '''(?i)[\\w.-]{0,50}?(?:(?-i:ACME|[Aa]cme))(?:[ \\t\\w.-]{0,20})[\\s'"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}(?P<key>[a-z0-9]{24})(?:[\\x60'"\\s;]|\\\\[nr]|$|\\z)'''
        keywords = ["acme"]
        [[rules]]
        id = "multi"
        regex = '''(?s:kind:.{0,40}?data:)\\s+(\\w{8,})'''
        keywords = ["kind:"]
        """);
    String key = alnum(24).toLowerCase();
    assertThat(scan(rules, "f", "ACME_TOKEN = `" + key + "`\n")).extracting(ExposedSecret::redacted)
        .containsExactly(key.substring(0, 4) + "****");
    assertThat(scan(rules, "f", "kind: Secret\nmetadata: {}\ndata:\n  " + alnum(16))).extracting(ExposedSecret::ruleId)
        .containsExactly("multi");
  }

  @Test
  @Timeout(60)
  void customRegexesRunInLinearTime() {
    List<Rule> rules = gitleaks("""
        [[rules]]
        id = "evil"
        regex = '''(a+)+b'''
        keywords = ["aaaa"]
        [[rules]]
        id = "evil2"
        regex = '''(.*a){12}z'''
        """);
    SecretScanner scanner = new SecretScanner(rules, SecretScanner.Options.DEFAULT.withTimeout(Duration.ofSeconds(20)));
    SecretScanner.Result r = scanner.analyze("f", ("a".repeat(200_000) + "!").getBytes(StandardCharsets.UTF_8));
    assertThat(r.findings()).isEmpty();
    assertThat(r.warnings()).isEmpty();
  }
}
