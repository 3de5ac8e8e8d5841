package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: one gate and one exit code over every finding kind. The images hold no vulnerable package; what
 * fails them is a private key, cloud and CI credentials (the issue's image) or a misconfiguration.
 */
class AllKindsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  @TempDir Path tmp;
  private Path cache;
  private final Random random = new Random(10);

  private String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A real RSA private key, made for this test, in PKCS#8 PEM as {@code openssl genpkey} writes it. */
  private static String privateKeyPem() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPrivate()
          .getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String OS_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n";
  private static final String DPKG = "Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\n"
      + "Architecture: amd64\n\n";

  /** A non-root image with a health check whose only finding is a private key an upper layer deleted. */
  private Path keyOnly() throws IOException {
    String key = privateKeyPem();
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", DPKG)).history("ADD rootfs /")
        .layer(l -> l.file("root/.ssh/id_rsa", key)).history("COPY id_rsa /root/.ssh/")
        .layer(l -> l.whiteout("root/.ssh/id_rsa")).history("RUN rm /root/.ssh/id_rsa")
        .user("10001:10001").healthcheck("CMD", "/app", "--health")
        .write(tmp.resolve("key-only.tar"));
  }

  /**
   * The issue's image: an AWS key pair, a GitHub token and an SSH private key, running as root with port 22
   * exposed and a password in Env.
   */
  private Path issueImage() throws IOException {
    String aws = "[default]\naws_access_key_id = AKIA" + of(UPPER, 16) + "\naws_secret_access_key = "
        + of(ALNUM, 38) + "+/\n";
    String gh = "#!/bin/sh\ncurl -H \"Authorization: token ghp_" + of(ALNUM, 36) + "\" https://api.github.com/\n";
    String key = privateKeyPem();
    return ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", DPKG)).history("ADD rootfs /")
        .layer(l -> l.file("root/.aws/credentials", aws).file("app/deploy.sh", gh).file("root/.ssh/id_rsa", key))
        .history("COPY . /")
        .env("PATH=/usr/bin:/bin", "DB_PASSWORD=hunter2")
        .exposedPort("22/tcp").healthcheck("CMD", "/app", "--health")
        .write(tmp.resolve("issue.tar"));
  }

  @BeforeEach
  void setUp() {
    cache = tmp.resolve("cache");
  }

  private Cli.Run scan(Path image, String... extra) {
    // the bundled advisories hold no Debian data: these tests are about finding kinds, not advisory coverage
    // (MissingDataCliTest), so a Debian family not checked is allowed here
    List<String> args = new ArrayList<>(List.of("scan", image.toString(), "--advisories", "../examples/advisories",
        "--cache-dir", cache.toString(), "-q", "--allow-missing-data"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private JsonNode scanJson(Path image, String... extra) throws IOException {
    Path out = tmp.resolve("r-" + System.nanoTime() + ".json");
    List<String> args = new ArrayList<>(List.of("-f", "json", "-o", out.toString()));
    args.addAll(List.of(extra));
    Cli.Run r = scan(image, args.toArray(String[]::new));
    assertThat(r.exit()).as(r.toString()).isZero();
    return JSON.readTree(out.toFile());
  }

  @Test
  void aPrivateKeyWithNoVulnerabilityFailsTheBuiltInGateInBothWays() throws IOException {
    Path image = keyOnly();
    Path result = tmp.resolve("result.json");
    Cli.Run saved = scan(image, "-f", "json", "-o", result.toString());
    assertThat(saved.exit()).as(saved.toString()).isZero();
    JsonNode json = JSON.readTree(result.toFile());
    assertThat(json.get("vulnerabilities")).isEmpty();
    assertThat(json.get("misconfigurations")).isEmpty();
    assertThat(json.get("secrets")).singleElement().satisfies(s -> {
      assertThat(s.get("ruleId").asText()).isEqualTo("DD-SEC-016");
      assertThat(s.get("category").asText()).isEqualTo("private-key");
      assertThat(s.get("deleted").asBoolean()).isTrue();
    });

    Cli.Run gate = Cli.run("gate", "--cache-dir", cache.toString(), result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1);
    assertThat(gate.err()).contains("drydock: gate FAIL")
        .contains("must-pass rule tag:secret:private-key failed: 1 finding");

    Cli.Run oneStep = scan(image, "--gate", "-f", "json", "-o", tmp.resolve("again.json").toString());
    assertThat(oneStep.exit()).as(oneStep.toString()).isEqualTo(1);
    assertThat(Cli.run("scan", image.toString(), "--cache-dir", cache.toString(), "-q", "-o",
        tmp.resolve("t.txt").toString(), "--gate").err()).contains("drydock: gate FAIL");
  }

  @Test
  void theIssuesImageFailsOnItsCredentialsAndWarnsOnItsConfiguration() throws IOException {
    Path result = tmp.resolve("issue.json");
    assertThat(scan(issueImage(), "-f", "json", "-o", result.toString()).exit()).isZero();
    JsonNode json = JSON.readTree(result.toFile());
    List<String> secrets = new ArrayList<>();
    json.get("secrets").forEach(s -> secrets.add(s.get("ruleId").asText() + " " + s.get("category").asText()));
    assertThat(secrets).contains("DD-SEC-001 cloud", "DD-SEC-003 ci", "DD-SEC-016 private-key");
    List<String> rules = new ArrayList<>();
    json.get("misconfigurations").forEach(m -> rules.add(m.get("ruleId").asText()));
    assertThat(rules).contains("DD-IMG-001", "DD-IMG-002", "DD-IMG-005");

    Path gateJson = tmp.resolve("gate.json");
    Cli.Run gate = Cli.run("gate", "--cache-dir", cache.toString(), "-f", "json", "-o", gateJson.toString(),
        result.toString());
    assertThat(gate.exit()).as(gate.toString()).isEqualTo(1);
    assertThat(gate.err()).contains("must-pass rule tag:secret:private-key failed",
        "must-pass rule tag:secret:cloud failed", "must-pass rule tag:secret:ci failed",
        "may-fail rule tag:config:high failed: 3 findings");
    assertThat(JSON.readTree(gateJson.toFile()).toString()).doesNotContain("\"A+\"");
  }

  @Test
  void exitCodeCountsEveryKindAfterSeverityIgnoreFileAndScannerSelection() throws IOException {
    Path image = keyOnly();
    assertThat(scan(image, "--exit-code", "7", "-o", tmp.resolve("a.txt").toString()).exit()).isEqualTo(7);
    assertThat(scan(image, "--exit-code", "7", "--severity", "HIGH,MEDIUM", "-o", tmp.resolve("b.txt").toString())
        .exit()).isZero();
    assertThat(scan(image, "--exit-code", "7", "--scanners", "vuln,misconfig", "-o", tmp.resolve("c.txt").toString())
        .exit()).isZero();
    assertThat(scan(image, "--exit-code", "7", "--no-secrets", "-o", tmp.resolve("d.txt").toString()).exit())
        .isZero();
    Path ignore = Files.writeString(tmp.resolve("ignore.yaml"), String.join("\n",
        "secrets:",
        "  - id: DD-SEC-016",
        "    paths: [\"root/.ssh/*\"]",
        "    reason: a throw-away key of the build, revoked",
        ""));
    assertThat(scan(image, "--exit-code", "7", "--ignorefile", ignore.toString(), "-o",
        tmp.resolve("e.txt").toString()).exit()).isZero();
    // an image with no secret fails --exit-code on a misconfiguration alone
    Path root = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", OS_RELEASE).file("var/lib/dpkg/status", DPKG)).history("ADD rootfs /")
        .healthcheck("CMD", "/app", "--health").write(tmp.resolve("root.tar"));
    assertThat(scan(root, "--exit-code", "7", "-o", tmp.resolve("f.txt").toString()).exit()).isEqualTo(7);
    assertThat(scan(root, "--exit-code", "7", "--scanners", "vuln,secret", "-o", tmp.resolve("g.txt").toString())
        .exit()).isZero();
  }

  @Test
  void showSuppressedListsSuppressedSecretsAndMisconfigurationsInEveryFormat() throws IOException {
    Path image = issueImage();
    Path ignore = Files.writeString(tmp.resolve("ignore.yaml"), String.join("\n",
        "misconfigurations:",
        "  - id: DD-IMG-002",
        "    reason: sshd is the product",
        "secrets:",
        "  - id: DD-SEC-016",
        "    reason: a throw-away key of the build, revoked",
        ""));
    JsonNode hidden = scanJson(image, "--ignorefile", ignore.toString());
    assertThat(hidden.get("suppressed")).isEmpty();
    assertThat(hidden.toString()).doesNotContain("DD-IMG-002").doesNotContain("DD-SEC-016");

    JsonNode shown = scanJson(image, "--ignorefile", ignore.toString(), "--show-suppressed");
    List<String> suppressed = new ArrayList<>();
    shown.get("suppressed").forEach(s -> suppressed.add((s.has("secret") ? s.get("secret") : s.get("misconfiguration"))
        .get("ruleId").asText() + " " + s.get("by").asText() + " " + s.get("reason").asText()));
    assertThat(suppressed).containsExactly(
        "DD-IMG-002 ignorefile:" + ignore + ":2 sshd is the product",
        "DD-SEC-016 ignorefile:" + ignore + ":5 a throw-away key of the build, revoked");

    Cli.Run table = scan(image, "--ignorefile", ignore.toString(), "--show-suppressed");
    List<String> lines = table.stdout().lines().toList();
    int at = lines.indexOf("Suppressed: 2");
    assertThat(at).as(table.stdout()).isPositive();
    assertThat(lines.get(at + 1)).matches("KIND +ID +WHERE +BY +REASON");
    assertThat(lines.get(at + 2)).startsWith("misconfig").contains("DD-IMG-002", "sshd is the product");
    assertThat(lines.get(at + 3)).startsWith("secret").contains("DD-SEC-016", "root/.ssh/id_rsa:1");

    Cli.Run sarif = scan(image, "--ignorefile", ignore.toString(), "--show-suppressed", "-f", "sarif");
    List<String> dismissed = new ArrayList<>();
    JSON.readTree(sarif.stdout()).get("runs").get(0).get("results").forEach(r -> {
      if (r.has("suppressions")) {
        JsonNode s = r.get("suppressions").get(0);
        dismissed.add(r.get("ruleId").asText() + " " + s.get("kind").asText() + " " + s.get("status").asText() + " "
            + s.get("justification").asText());
      }
    });
    assertThat(dismissed).containsExactly("DD-IMG-002 external accepted sshd is the product",
        "DD-SEC-016 external accepted a throw-away key of the build, revoked");
  }

  @Test
  void tableListsFindingsFirstAndPackagesOnlyWhenAsked() throws IOException {
    Path image = issueImage();
    String table = scan(image).stdout();
    assertThat(table).contains("Packages: 1 (--list-packages lists them)").doesNotContain("NAME ");
    assertThat(table.indexOf("Vulnerabilities: 0")).isLessThan(table.indexOf("Misconfigurations:"));
    assertThat(table.indexOf("Secrets:")).isLessThan(table.indexOf("Layers:"));
    String listed = scan(image, "--list-packages").stdout();
    assertThat(listed).contains("Packages: 1\n").containsPattern("base-files +12\\.4\\+deb12u5 +deb +#0");
    assertThat(listed.indexOf("Secrets:")).isLessThan(listed.indexOf("Packages: 1"));
  }

  @Test
  void dockerfileWithoutTheMisconfigScannerAndUnknownScannersAreUsageErrors() throws IOException {
    Path df = Files.writeString(tmp.resolve("Dockerfile"), "FROM debian:12\n");
    Path image = keyOnly();
    Cli.Run r = scan(image, "--no-config-checks", "--dockerfile", df.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("--dockerfile needs the misconfig scanner");
    Cli.Run bad = scan(image, "--scanners", "vuln,licence");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLines()).singleElement().asString()
        .contains("--scanners: unknown scanner 'licence' (expected a comma-separated list of vuln, misconfig, secret)");
  }
}
