package dev.drydock.secrets.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.drydock.model.testing.FuzzContract;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.crypto.WeakCryptoScanner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The secret engine (issue 18): the first byte picks a file name (which rules and allowlists apply) and the
 * scanner: the default one, one streaming 64-byte chunks (every window and keyword boundary crossed), or the
 * weak-crypto scanner for a source file. The rest is the file. Seeds: secret-shaped lines built here (never real
 * credentials) and the weak-crypto sample sources.
 */
class SecretEngineFuzzTest {
  private static final SecretScanner DEFAULT = new SecretScanner();
  private static final SecretScanner CHUNKED = new SecretScanner(BuiltinRules.all(),
      SecretScanner.Options.DEFAULT.withChunkSize(64));
  private static final WeakCryptoScanner CRYPTO = new WeakCryptoScanner();
  static final List<String> PATHS = List.of("app/.env", "app/config/application.properties",
      "home/user/.ssh/id_rsa", "app/src/main/java/App.java", "app/src/app.py", "app/settings.yaml");

  static Stream<Arguments> seeds() throws Exception {
    List<Arguments> seeds = new ArrayList<>();
    String alnum = "aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3zA5bC7dE9fG";
    String lines = "AWS_ACCESS_KEY_ID=AKIA" + "QWERTYUIOPASDFGH" + "\n"
        + "aws_secret_access_key = " + alnum.substring(0, 40) + "\n"
        + "GITHUB_TOKEN=ghp_" + alnum.substring(0, 36) + "\n"
        + "db.password=" + alnum.substring(3, 19) + "\n"
        + "slack: xoxb-" + "1234567890-" + alnum.substring(0, 24) + "\n";
    String pem = "-----BEGIN " + "RSA PRIVATE KEY-----\n" + (alnum + alnum).substring(0, 64) + "\n"
        + "-----END " + "RSA PRIVATE KEY-----\n";
    seeds.add(seed(0, lines));
    seeds.add(seed(1 + PATHS.size(), lines));
    seeds.add(seed(5, lines));
    seeds.add(seed(2 + PATHS.size(), pem));
    Path crypto = Path.of(SecretEngineFuzzTest.class.getResource("/crypto/sample").toURI());
    try (Stream<Path> files = Files.walk(crypto)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        int kind = (name.endsWith(".py") ? 4 : 3) + 2 * PATHS.size();
        seeds.add(seed(kind, Files.readString(p)));
      }
    }
    return seeds.stream();
  }

  private static Arguments seed(int selector, String content) {
    byte[] c = content.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[c.length + 1];
    data[0] = (byte) selector;
    System.arraycopy(c, 0, data, 1, c.length);
    return Arguments.of((Object) data);
  }

  @MethodSource("seeds")
  @FuzzTest
  void secretEngine(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int selector = data[0] & 0xff;
    String path = PATHS.get(selector % PATHS.size());
    byte[] content = Arrays.copyOfRange(data, 1, data.length);
    FuzzContract.holds(() -> {
      switch ((selector / PATHS.size()) % 3) {
        case 0 -> check(DEFAULT.analyze(path, content));
        case 1 -> {
          try (InputStream in = new ByteArrayInputStream(content)) {
            check(CHUNKED.analyze(path, in));
          }
        }
        default -> {
          if (CRYPTO.accepts(path) && CRYPTO.scan(path, content) == null) {
            throw new AssertionError("null weak-crypto findings");
          }
        }
      }
    });
  }

  private static void check(SecretScanner.Result r) {
    if (r == null || r.findings() == null || r.warnings() == null) {
      throw new AssertionError("null scan result");
    }
  }
}
