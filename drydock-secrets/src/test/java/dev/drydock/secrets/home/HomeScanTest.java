package dev.drydock.secrets.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeScanTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";
  private final Random random = new Random(11);
  @TempDir Path home;

  private String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private void write(String rel, String text) throws IOException {
    Path p = home.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** An openssh-key-v1 container naming {@code cipher}, followed by random bytes (not a usable key). */
  private String openssh(String cipher) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.writeBytes("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
    byte[] c = cipher.getBytes(StandardCharsets.US_ASCII);
    raw.writeBytes(ByteBuffer.allocate(4).putInt(c.length).array());
    raw.writeBytes(c);
    byte[] rest = new byte[300];
    random.nextBytes(rest);
    raw.writeBytes(rest);
    String body = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(raw.toByteArray());
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n-----END OPENSSH PRIVATE KEY-----\n";
  }

  private List<String> ids(HomeScan.Result r) {
    List<String> out = new ArrayList<>();
    for (ExposedSecret s : r.secrets()) {
      out.add(s.ruleId() + " " + s.path() + ":" + s.line());
    }
    return out;
  }

  @Test
  void findsEachKindOfStoredCredential() throws IOException {
    List<String> planted = new ArrayList<>();
    write(".ssh/id_ed25519", openssh("none"));
    write(".ssh/id_encrypted", openssh("aes256-ctr"));
    write(".ssh/id_ed25519.pub", "ssh-ed25519 AAAAC3Nz" + of(B64, 60) + " me@host\n");
    write(".ssh/known_hosts", "github.com ssh-ed25519 AAAAC3Nz" + of(B64, 60) + "\n");
    String pem = of(B64, 64);
    write(".ssh/legacy_rsa", "-----BEGIN RSA PRIVATE KEY-----\n" + pem + "\n" + of(B64, 64)
        + "\n-----END RSA PRIVATE KEY-----\n");
    write(".ssh/legacy_encrypted", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" + of(B64, 64)
        + "\n-----END RSA PRIVATE KEY-----\n");
    String awsSecret = of(B64, 40);
    planted.add(awsSecret);
    write(".aws/credentials", "[default]\naws_access_key_id = AKIA" + of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        + "\naws_secret_access_key = " + awsSecret + "\n\n[empty]\naws_secret_access_key = ${FROM_ENV}\n");
    String refresh = "1//" + of(ALNUM + "-_", 60);
    planted.add(refresh);
    write(".config/gcloud/application_default_credentials.json", "{\n  \"client_id\": \"x.apps.googleusercontent"
        + ".com\",\n  \"refresh_token\": \"" + refresh + "\",\n  \"type\": \"authorized_user\"\n}\n");
    String dbToken = "1//" + of(ALNUM, 50);
    planted.add(dbToken);
    Files.write(home.resolve(".config/gcloud/credentials.db"), concat(new byte[] {0, 1, 2, 'S', 'Q', 'L'},
        ("{\"refresh_token\": \"" + dbToken + "\"}").getBytes(StandardCharsets.UTF_8), new byte[] {0, 0}));
    String azure = of(ALNUM, 80);
    planted.add(azure);
    write(".azure/msal_token_cache.json", "{\"RefreshToken\": {\"k\": {\"credential_type\": \"RefreshToken\", "
        + "\"secret\": \"" + azure + "\"}}}");
    String kubeToken = of(ALNUM, 40);
    planted.add(kubeToken);
    write(".kube/config", "apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: " + kubeToken + "\n"
        + "- name: cert\n  user:\n    client-certificate-data: " + of(B64, 40) + "\n    client-key-data: "
        + of(B64, 80) + "\n");
    String dockerAuth = Base64.getEncoder().encodeToString(("me:" + of(ALNUM, 20)).getBytes(StandardCharsets.UTF_8));
    planted.add(dockerAuth);
    write(".docker/config.json", "{\n  \"auths\": {\n    \"registry.example.com\": {\n      \"auth\": \""
        + dockerAuth + "\"\n    }\n  }\n}\n");
    String mysqlPw = of(ALNUM, 12);
    planted.add(mysqlPw);
    String ghp = "ghp_" + of(ALNUM, 36);
    planted.add(ghp);
    write(".bash_history", "ls -la\nmkdir -p /tmp/x\nmysql -u root -p" + mysqlPw + " db\ngit push https://" + ghp
        + "@github.com/o/r\nexport PASSWORD=$FROM_VAULT\n");
    write(".zsh_history", ": 1700000000:0;curl -u admin:" + of(ALNUM, 10) + " https://h/\n");

    HomeScan.Result r = new HomeScan(new SecretScanner()).scan(home);
    assertThat(ids(r)).containsExactly(
        "DD-SEC-001 .aws/credentials:2",
        "DD-SEC-202 .aws/credentials:3",
        "DD-SEC-204 .azure/msal_token_cache.json:1",
        "DD-SEC-207 .bash_history:3",
        "DD-SEC-003 .bash_history:4",
        "DD-SEC-203 .config/gcloud/application_default_credentials.json:3",
        "DD-SEC-203 .config/gcloud/credentials.db:1",
        "DD-SEC-206 .docker/config.json:4",
        "DD-SEC-205 .kube/config:5",
        "DD-SEC-205 .kube/config:9",
        "DD-SEC-201 .ssh/id_ed25519:1",
        "DD-SEC-201 .ssh/legacy_rsa:1",
        "DD-SEC-207 .zsh_history:1");
    for (ExposedSecret s : r.secrets()) {
      for (String p : planted) {
        assertThat(s.toString()).doesNotContain(p);
      }
      assertThat(s.fingerprint()).matches("[0-9a-f]{64}");
    }
    assertThat(r.filesChecked()).contains(".ssh/id_encrypted", ".bash_history", ".kube/config");
  }

  @Test
  void credentialStoresWithoutStoredSecretsAreNotReported() throws IOException {
    // the same files as above, holding references instead of secrets: each home rule's false-positive case
    write(".ssh/id_ed25519", openssh("aes256-ctr")); // DD-SEC-201: encrypted key
    write(".aws/credentials", "[default]\naws_secret_access_key = ${AWS_SECRET}\ncredential_process = aws-vault"
        + " exec default --json\n"); // DD-SEC-202
    write(".config/gcloud/application_default_credentials.json", "{\n  \"client_id\": \"x.apps.googleusercontent"
        + ".com\",\n  \"refresh_token\": \"\",\n  \"type\": \"authorized_user\"\n}\n"); // DD-SEC-203
    write(".azure/msal_token_cache.json", "{\"RefreshToken\": {}, \"AccessToken\": {}}"); // DD-SEC-204
    write(".kube/config", "apiVersion: v1\nusers:\n- name: eks\n  user:\n    exec:\n      command: aws\n"
        + "      args: [eks, get-token, --cluster-name, prod]\n"); // DD-SEC-205: exec plugin, no token
    write(".docker/config.json", "{\n  \"auths\": {\n    \"registry.example.com\": {}\n  },\n"
        + "  \"credsStore\": \"desktop\"\n}\n"); // DD-SEC-206: credential helper
    write(".bash_history", "export PASSWORD=$FROM_VAULT\nmysql -u root -p db\n"); // DD-SEC-207: prompts
    HomeScan.Result r = new HomeScan(new SecretScanner()).scan(home);
    assertThat(ids(r)).isEmpty();
    assertThat(r.filesChecked()).contains(".aws/credentials", ".docker/config.json", ".kube/config",
        ".bash_history");
  }

  @Test
  void anEmptyHomeHasNothing() {
    HomeScan.Result r = new HomeScan(new SecretScanner()).scan(home);
    assertThat(r.secrets()).isEmpty();
    assertThat(r.filesChecked()).isEmpty();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
