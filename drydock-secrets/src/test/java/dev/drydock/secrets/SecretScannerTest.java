package dev.drydock.secrets;

import dev.drydock.model.Entropy;
import dev.drydock.model.ExposedSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SecretScannerTest {
  private final SecretScanner scanner = new SecretScanner();

  private List<ExposedSecret> scan(String path, String text) {
    return scanner.scan(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noOutputContainsAPlantedSecret() {
    List<String> secrets = List.of(
        "AKIA" + Fake.of(Fake.UPPER_ALNUM, 16),
        "ghp_" + Fake.alnum(36),
        "glpat-" + Fake.alnum(20),
        "sk_live_" + Fake.alnum(30),
        "npm_" + Fake.alnum(36),
        Fake.alnum(24));
    String text = "a = " + secrets.get(0) + "\nb = " + secrets.get(1) + "\nc = " + secrets.get(2) + "\n"
        + "d = " + secrets.get(3) + "\ne = " + secrets.get(4) + "\npassword = \"" + secrets.get(5) + "\"\n";
    List<ExposedSecret> findings = scan("app/.env", text);
    assertThat(findings).hasSize(6);
    for (ExposedSecret f : findings) {
      for (String secret : secrets) {
        assertThat(f.toString()).doesNotContain(secret);
        assertThat(f.redacted()).doesNotContain(secret).endsWith("****").hasSize(8);
        assertThat(f.fingerprint()).doesNotContain(secret).matches("[0-9a-f]{64}");
      }
    }
    assertThat(findings.get(0).redacted()).isEqualTo("AKIA****");
    assertThat(findings.get(5).redacted()).isEqualTo(secrets.get(5).substring(0, 4) + "****");
  }

  @Test
  void shortSecretsAreFullyRedacted() {
    assertThat(SecretScanner.redact("abcdefgh")).isEqualTo("****");
    assertThat(SecretScanner.redact("abcdefghi")).isEqualTo("abcd****");
  }

  @Test
  void findingCarriesPositionSeverityAndFingerprint() {
    String token = "ghp_" + Fake.alnum(36);
    List<ExposedSecret> findings = scan("src/config.yml", "first: 1\nsecond: 2\n  github: " + token + "\n");
    assertThat(findings).hasSize(1);
    ExposedSecret f = findings.get(0);
    assertThat(f.ruleId()).isEqualTo("DD-SEC-003");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.path()).isEqualTo("src/config.yml");
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.column()).isEqualTo(11);
    assertThat(f.fingerprint())
        .isEqualTo(Hashes.sha256("DD-SEC-003:src/config.yml:3:" + Hashes.sha256(token)));
  }

  @Test
  void fingerprintDependsOnSecretPathAndLine() {
    String a = SecretScanner.fingerprint("DD-SEC-003", "p", 1, "s1");
    assertThat(a).isNotEqualTo(SecretScanner.fingerprint("DD-SEC-003", "p", 1, "s2"))
        .isNotEqualTo(SecretScanner.fingerprint("DD-SEC-003", "q", 1, "s1"))
        .isNotEqualTo(SecretScanner.fingerprint("DD-SEC-003", "p", 2, "s1"))
        .isEqualTo(SecretScanner.fingerprint("DD-SEC-003", "p", 1, "s1"));
  }

  @Test
  void binaryFilesAreSkipped() {
    byte[] token = ("ghp_" + Fake.alnum(36)).getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[token.length + 10];
    java.util.Arrays.fill(content, (byte) ' ');
    content[3] = 0;
    System.arraycopy(token, 0, content, 10, token.length);
    assertThat(scanner.scan("bin/app", content)).isEmpty();
    content[3] = 'x';
    assertThat(scanner.scan("bin/app", content)).hasSize(1);
  }

  @Test
  void nulAfterTheProbeDoesNotMakeAFileBinary() {
    byte[] content = new byte[SecretScanner.BINARY_PROBE + 100];
    java.util.Arrays.fill(content, (byte) ' ');
    byte[] token = ("ghp_" + Fake.alnum(36)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(token, 0, content, 0, token.length);
    content[content.length - 1] = 0;
    assertThat(scanner.scan("f", content)).hasSize(1);
  }

  @Test
  void inlineAllowSuppressesOnlyItsLine() {
    String t1 = "ghp_" + Fake.alnum(36);
    String t2 = "ghp_" + Fake.alnum(36);
    List<ExposedSecret> findings =
        scan("f.py", "A = '" + t1 + "'  # drydock:allow test fixture\nB = '" + t2 + "'\n");
    assertThat(findings).extracting(ExposedSecret::line).containsExactly(2);
  }

  @Test
  void findsSecretsFarApartInALargeFile() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("line ").append(i).append(" nothing to see here\n");
    }
    sb.append("key = AKIA").append(Fake.of(Fake.UPPER_ALNUM, 16)).append('\n');
    for (int i = 0; i < 5000; i++) {
      sb.append("more filler ").append(i).append('\n');
    }
    sb.append("tok = npm_").append(Fake.alnum(36));
    List<ExposedSecret> findings = scan("big.txt", sb.toString());
    assertThat(findings).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-001", "DD-SEC-014");
    assertThat(findings).extracting(ExposedSecret::line).containsExactly(5001, 10002);
  }

  @Test
  void keywordsMatchCaseInsensitively() {
    assertThat(scan("f", "AWS_SECRET_ACCESS_KEY=" + Fake.of(Fake.B64, 40)))
        .extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-002");
  }

  @Test
  void specificRuleWinsOverGenericAssignment() {
    assertThat(scan("f", "token = \"ghp_" + Fake.alnum(36) + "\""))
        .extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-003");
  }

  @Test
  void customRulesAreValidated() {
    assertThatThrownBy(() -> new Rule("X", "d", List.of("Upper"), Pattern.compile("x"), 0, null, null,
        Severity.LOW, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
    assertThatThrownBy(() -> new Rule("X", "d", List.of("x"), Pattern.compile("x"), 1, null, null,
        Severity.LOW, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 1");
    Rule custom = new Rule("X-1", "d", List.of("acme_"), Pattern.compile("acme_[0-9]{6}"), 0, null, null,
        Severity.LOW, null);
    assertThat(new SecretScanner(List.of(custom)).scan("f", "id ACME_123456 acme_654321".getBytes(
        StandardCharsets.UTF_8))).extracting(ExposedSecret::column).containsExactly(16);
  }

  @Test
  void entropyOfUniformAndRepeatedStrings() {
    assertThat(Entropy.bits("aaaa")).isZero();
    assertThat(Entropy.bits("abcd")).isEqualTo(2.0);
    assertThat(Entropy.bits("")).isZero();
  }
}
