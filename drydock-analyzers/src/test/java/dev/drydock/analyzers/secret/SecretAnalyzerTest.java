package dev.drydock.analyzers.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.analyzers.FileInput;
import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Fact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretAnalyzerTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private final SecretAnalyzer analyzer = new SecretAnalyzer();

  private static String token(long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("ghp_");
    for (int i = 0; i < 36; i++) {
      sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  @ParameterizedTest
  @CsvSource({
      "app/config.yml, 100, true",
      "root/.aws/credentials, 100, true",
      "usr/bin/entrypoint, 100, true",
      "app/config.yml, 3000000, false",
      "usr/share/doc/curl/README, 100, false",
      "usr/lib/x86_64-linux-gnu/libssl.so.3, 100, false",
      "app/logo.png, 100, false",
      "proc/self/environ, 100, false",
      "var/lib/dpkg/status, 100, false",
      "usr/lib/python3.11/test/keycert.pem, 100, false",
      "usr/local/lib/python3.12/test/certdata/key.pem, 100, false",
      "usr/lib/python3.11/site-packages/app/settings.py, 100, true",
      "usr/lib/go-1.19/src/crypto/tls/testdata/key.pem, 100, false",
  })
  void wants(String path, long size, boolean expected) {
    assertThat(analyzer.wants(path, size, 0644)).isEqualTo(expected);
  }

  @Test
  void reportsSecretFactsForTheFile() throws IOException {
    String t = token(1);
    List<Fact> facts = analyzer.analyze(FileInput.ofBytes("app/.env", ("A=1\nGH=" + t + "\n")
        .getBytes(StandardCharsets.UTF_8), 0644));
    assertThat(facts).hasSize(1);
    Fact.SecretFound f = (Fact.SecretFound) facts.get(0);
    assertThat(f.path()).isEqualTo("app/.env");
    assertThat(f.secret().line()).isEqualTo(2);
    assertThat(f.secret().layerDiffId()).isNull();
    assertThat(f.toString()).doesNotContain(t);
  }

  @Test
  void versionIsStableAndPositive() {
    assertThat(analyzer.version()).isPositive().isEqualTo(new SecretAnalyzer().version());
  }

  @Test
  void imageConfigEnvAndHistoryCarryTheEntryIndexAsLine() {
    String t1 = token(2);
    String t2 = token(3);
    List<ExposedSecret> found = SecretAnalyzer.imageConfig(
        List.of("PATH=/usr/bin", "LANG=C", "GITHUB_TOKEN=" + t1),
        List.of("ADD rootfs /", "RUN curl -H 'Authorization: token " + t2 + "' https://x\n && echo done"));
    assertThat(found).extracting(s -> s.path() + ":" + s.line() + ":" + s.ruleId())
        .containsExactly("image-config:env:3:DD-SEC-003", "image-config:history:2:DD-SEC-003");
    assertThat(found.toString()).doesNotContain(t1).doesNotContain(t2);
  }

  /**
   * Issue 18: in an image layer the secret scanner's time per file was a warning nobody saw (the analyzer dropped
   * it). Past the bound the analyzer keeps what it found and reports the rest as not scanned ({@code PartialRead},
   * which the layer turns into a warning naming layer and path).
   */
  @Test
  void aFilePastTheTimeLimitIsReportedWithWhatWasFound() {
    SecretAnalyzer timed = new SecretAnalyzer(new dev.drydock.secrets.SecretScanner(
        dev.drydock.secrets.BuiltinRules.all(),
        dev.drydock.secrets.SecretScanner.Options.DEFAULT.withTimeout(java.time.Duration.ZERO)));
    String line = "aws_secret_access_key = \"notakey\" password = x token = y akia secret\n";
    byte[] text = line.repeat(800_000 / line.length()).getBytes(StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> timed.analyze(FileInput.ofBytes("app/data.txt", text,
            0644)))
        .isInstanceOf(dev.drydock.analyzers.PartialRead.class)
        .hasMessage("secret scan stopped at the time limit of 0 ms; later content was not scanned")
        .satisfies(e -> assertThat(((dev.drydock.analyzers.PartialRead) e).facts())
            .allMatch(f -> f instanceof Fact.SecretFound));
  }
}
