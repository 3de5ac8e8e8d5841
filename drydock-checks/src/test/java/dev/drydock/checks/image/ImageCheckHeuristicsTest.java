package dev.drydock.checks.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The secret heuristics behind DD-IMG-005/006/007 and the production-label option, case by case. */
class ImageCheckHeuristicsTest {

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASSWORD", "db_passwd", "API_KEY", "APIKEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY",
      "PRIVATE_KEY", "SMTP_PASS", "CREDENTIALS"})
  void secretLookingNames(String name) {
    assertThat(Secrets.secretName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PATH", "JAVA_HOME", "DB_PASSWORD_FILE", "GPG_KEY", "GPG_KEYS", "SECRET_PATH", "LANG",
      "PASSENGER_VERSION", "TOKENIZERS_PARALLELISM_X_DIR"})
  void ordinaryNames(String name) {
    assertThat(Secrets.secretName(name)).isFalse();
  }

  @Test
  void knownPrefixesAndHighEntropyValuesAreSecrets() {
    // fake tokens built from the documented formats, not real credentials
    String aws = "AKIA" + "ABCDEFGHIJKLMNOP".replace('I', '2');
    String github = "ghp_" + "a1B2c3D4e5".repeat(3) + "f6G7h8";
    assertThat(Secrets.secretValue(aws)).isEqualTo("an AWS access key id");
    assertThat(Secrets.secretValue(github)).isEqualTo("a GitHub token");
    assertThat(Secrets.secretValue("postgres://app:s3cr3t@db:5432/app")).isEqualTo("a URL with a password");
    assertThat(Secrets.secretValue("-----BEGIN RSA PRIVATE KEY-----")).isEqualTo("a private key");
    assertThat(Secrets.secretValue("q8Zt3LmX9vR2kP7wN4bY6cJ1")).isEqualTo("a high-entropy string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/usr/local/bin:/usr/bin:/bin", "en_US.UTF-8", "production", "1.21.4",
      "0123456789abcdef0123456789abcdef01234567", "https://deb.debian.org/debian", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa1A",
      "org.springframework.boot.loader.JarLauncher"})
  void ordinaryValuesAreNot(String value) {
    assertThat(Secrets.secretValue(value)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '~', value = {
      "/bin/sh -c mysql -uroot -pS3cret < /init.sql~a MySQL -p<password>",
      "RUN /bin/sh -c curl -u deploy:hunter2 https://repo.example/x.tgz | tar xz # buildkit~user:password for curl/wget",
      "/bin/sh -c git clone https://bot:tok3n@git.example.com/app.git~a URL with user:password",
      "RUN |1 DB_PASSWORD=hunter2 /bin/sh -c ./migrate # buildkit~a secret build argument",
      "/bin/sh -c docker login --password hunter2 registry.example~a --password option",
      "/bin/sh -c sshpass -p hunter2 scp a b:~sshpass -p",
  })
  void historyCommandsWithCredentials(String createdBy, String what) {
    assertThat(HistoryCredentials.find(createdBy)).isEqualTo(what);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh -c mkdir -p /app && tar -pxf a.tar", "/bin/sh -c mysql -p \"$DB_PASSWORD\" < x",
      "/bin/sh -c curl -fsSL https://example.com/x | sh", "RUN /bin/sh -c docker login --password-stdin r # buildkit",
      "/bin/sh -c #(nop)  ENV DB_PASSWORD=x", "/bin/sh -c curl -u \"$USER:$PASS\" https://x",
      "RUN |1 API_TOKEN=$TOKEN /bin/sh -c x", "/bin/sh -c git clone https://git.example.com/app.git"})
  void ordinaryHistoryCommands(String createdBy) {
    assertThat(HistoryCredentials.find(createdBy)).isNull();
  }

  @Test
  void productionByLabelOrByOption() {
    ImageCheckOptions defaults = ImageCheckOptions.defaults();
    assertThat(defaults.isProduction(Map.of("environment", "Production"))).isTrue();
    assertThat(defaults.isProduction(Map.of("environment", "staging"))).isFalse();
    assertThat(defaults.isProduction(Map.of())).isFalse();
    assertThat(new ImageCheckOptions(List.of("tier=prod"), false).isProduction(Map.of("tier", "prod"))).isTrue();
    assertThat(new ImageCheckOptions(List.of("tier=prod"), false).isProduction(Map.of("environment", "production")))
        .isFalse();
    assertThat(new ImageCheckOptions(List.of(), true).isProduction(Map.of())).isTrue();
    assertThatThrownBy(() -> new ImageCheckOptions(List.of("prod"), false)).isInstanceOf(DrydockException.class)
        .hasMessageContaining("'prod'");
  }

  @Test
  void everyRuleIdIsUniqueAndNumbered() {
    List<String> ids = ImageRules.all().stream().map(ImageRule::id).toList();
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("DD-IMG-0\\d\\d"));
    assertThat(ImageRules.all()).allMatch(r -> !r.controls().isEmpty() && !r.remediation().isBlank());
  }
}
