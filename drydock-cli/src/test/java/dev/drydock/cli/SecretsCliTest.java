package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.report.Reports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock secrets} and the secrets of {@code drydock scan}, as a user runs them. */
class SecretsCliTest {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final Random random = new Random(2026);
  private Path tree;
  private Path cache;
  /** Every planted secret value: none may appear in any output. */
  private final List<String> planted = new ArrayList<>();

  private String of(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Plants {@code value} and returns it. */
  private String plant(String value) {
    planted.add(value);
    return value;
  }

  private void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @BeforeEach
  void plantSecrets() throws IOException {
    tree = tmp.resolve("tree");
    cache = tmp.resolve("cache");
    // shapes from the providers' documentation; random characters, never real credentials
    write(tree, "config/aws.env", "AWS_ACCESS_KEY_ID=" + plant("AKIA" + of(UPPER, 16)) + "\n"
        + "aws_secret_access_key = " + plant(of(B64, 40)) + "\n");
    write(tree, "src/deploy.sh", "#!/bin/sh\ncurl -H \"Authorization: token " + plant("ghp_" + of(ALNUM, 36))
        + "\" https://api.github.com/\n");
    write(tree, "ci/.gitlab-ci.yml", "variables:\n  TOKEN: " + plant("glpat-" + of(ALNUM, 20)) + "\n");
    write(tree, "app/slack.py", "SLACK = '" + plant("xoxb-" + of("0123456789", 12) + "-" + of("0123456789", 12) + "-"
        + of(ALNUM, 24)) + "'\n");
    write(tree, "app/pay.js", "const stripe = require('stripe')('" + plant("sk_live_" + of(ALNUM, 30)) + "');\n");
    write(tree, ".npmrc", "//registry.npmjs.org/:_authToken=" + plant("npm_" + of(ALNUM, 36)) + "\n");
    String body = of(B64, 64);
    plant(body);
    write(tree, "keys/server.key", "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n" + of(B64, 64)
        + "\n-----END RSA PRIVATE KEY-----\n");
    write(tree, "app/settings.py", "DB_PASSWORD = \"" + plant(of(ALNUM, 20)) + "\"\n");
  }

  private void assertNoPlantedValue(String text) {
    for (String p : planted) {
      assertThat(text).as("output holds a planted secret").doesNotContain(p);
    }
  }

  @Test
  void outputNeverContainsAFullSecretInAnyFormat() throws IOException {
    for (String format : Reports.names()) {
      Cli.Run r = Cli.run("secrets", tree.toString(), "--format", format);
      assertThat(r.exit()).as(format + ": " + r).isEqualTo(1);
      assertNoPlantedValue(r.stdout());
      assertNoPlantedValue(r.err());
      assertNoPlantedValue(r.out());
      Path out = tmp.resolve("report." + format);
      Cli.Run toFile = Cli.run("secrets", tree.toString(), "--format", format, "--output", out.toString());
      assertThat(toFile.exit()).isEqualTo(1);
      assertNoPlantedValue(Files.readString(out));
    }
    // the test can fail: the JSON report does hold every finding, redacted
    JsonNode json = JSON.readTree(Cli.run("secrets", tree.toString(), "--format", "json").stdout());
    assertThat(json.get("target").get("kind").asText()).isEqualTo("secrets");
    assertThat(json.get("checksRun").toString()).contains("secrets");
    List<String> rules = new ArrayList<>();
    json.get("secrets").forEach(s -> rules.add(s.get("path").asText() + " " + s.get("ruleId").asText()));
    assertThat(rules).containsExactlyInAnyOrder(".npmrc DD-SEC-014", "app/pay.js DD-SEC-012",
        "app/settings.py DD-SEC-020", "app/slack.py DD-SEC-008", "ci/.gitlab-ci.yml DD-SEC-007",
        "config/aws.env DD-SEC-001", "config/aws.env DD-SEC-002", "keys/server.key DD-SEC-016",
        "src/deploy.sh DD-SEC-003");
    json.get("secrets").forEach(s -> assertThat(s.get("redacted").asText()).endsWith("****"));
    assertThat(planted).hasSize(9);
  }

  @Test
  void exitCodes() throws IOException {
    Path clean = Files.createDirectories(tmp.resolve("clean"));
    write(clean, "README.md", "nothing to see\n");
    Cli.Run ok = Cli.run("secrets", clean.toString());
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.err()).contains("0 secrets found in 1 files");
    assertThat(Cli.run("secrets", tree.toString(), "-q").exit()).isEqualTo(1);
    Cli.Run missing = Cli.run("secrets", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).startsWith("drydock: ").contains("nope").doesNotContain("Exception");
    Cli.Run two = Cli.run("secrets", tree.toString(), "--home", tree.toString());
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("exactly one of");
    Cli.Run notGit = Cli.run("secrets", "--git", clean.toString());
    assertThat(notGit.exit()).isEqualTo(2);
    assertThat(notGit.err()).contains("not a git repository");
  }

  @Test
  void weakCryptoInSourcesIsReportedAsMisconfigurationsUnlessTurnedOff() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    write(src, "app/Hash.java", "class Hash {\n  byte[] h(byte[] b) throws Exception {\n"
        + "    return java.security.MessageDigest.getInstance(\"MD5\").digest(b);\n  }\n}\n");
    write(src, "app/ok.py", "import hashlib\nprint(hashlib.sha256(b'x').hexdigest())\n");
    Cli.Run r = Cli.run("secrets", src.toString(), "-f", "json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    JsonNode json = JSON.readTree(r.stdout());
    assertThat(json.get("checksRun")).extracting(JsonNode::asText).containsExactly("secrets", "weak-crypto");
    assertThat(json.get("misconfigurations")).singleElement().satisfies(m -> {
      assertThat(m.get("ruleId").asText()).isEqualTo("DD-CRY-001");
      assertThat(m.get("file").asText()).isEqualTo("app/Hash.java");
      assertThat(m.get("line").asInt()).isEqualTo(3);
    });
    Cli.Run off = Cli.run("secrets", src.toString(), "--no-weak-crypto", "-f", "json");
    assertThat(off.exit()).as(off.toString()).isZero();
    JsonNode offJson = JSON.readTree(off.stdout());
    assertThat(offJson.get("misconfigurations")).isEmpty();
    assertThat(offJson.get("checksRun")).extracting(JsonNode::asText).containsExactly("secrets");
  }

  @Test
  void customRulesFileWithAndWithoutTheBuiltInRules() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("custom"));
    String internal = plant("acme_" + of(ALNUM, 32));
    write(src, "deploy/env.sh", "export ACME_TOKEN=" + internal + "\n" + "export GH=" + plant("ghp_" + of(ALNUM, 36))
        + "\n");
    Path own = Files.writeString(tmp.resolve("only.gitleaks.toml"), "[[rules]]\nid = \"acme-token\"\n"
        + "description = \"ACME internal token\"\nregex = '''acme_[A-Za-z0-9]{32}'''\nkeywords = [\"acme_\"]\n");
    JsonNode only = JSON.readTree(Cli.run("secrets", src.toString(), "--rules", own.toString(), "-f", "json")
        .stdout());
    assertThat(only.get("secrets")).extracting(x -> x.get("ruleId").asText()).containsExactly("acme-token");
    Path extended = Files.writeString(tmp.resolve("extended.gitleaks.toml"), "[extend]\nuseDefault = true\n\n"
        + Files.readString(own));
    Cli.Run both = Cli.run("secrets", src.toString(), "--rules", extended.toString(), "-f", "json");
    assertThat(JSON.readTree(both.stdout()).get("secrets")).extracting(x -> x.get("ruleId").asText())
        .contains("acme-token").hasSize(2);
    assertNoPlantedValue(both.stdout());
    Path bad = Files.writeString(tmp.resolve("bad.gitleaks.toml"), "[[rules]]\nid = \"broken\"\n"
        + "regex = '''(unclosed'''\nkeywords = [\"x\"]\n");
    Cli.Run invalid = Cli.run("secrets", src.toString(), "--rules", bad.toString());
    assertThat(invalid.exit()).isEqualTo(2);
    assertThat(invalid.errLines()).singleElement().asString().contains("bad.gitleaks.toml").contains("broken")
        .contains("invalid regex");
  }

  @Test
  void baselineReportsOnlyNewSecrets() throws IOException {
    Path previous = tmp.resolve("previous.json");
    assertThat(Cli.run("secrets", tree.toString(), "-f", "json", "-o", previous.toString()).exit()).isEqualTo(1);
    Cli.Run same = Cli.run("secrets", tree.toString(), "--baseline", previous.toString(), "-f", "json");
    assertThat(same.exit()).as(same.toString()).isZero();
    assertThat(JSON.readTree(same.stdout()).get("secrets")).isEmpty();
    assertThat(same.err()).contains("(9 already in the baseline)");
    write(tree, "app/new.txt", "token: " + plant("ghp_" + of(ALNUM, 36)) + "\n");
    Cli.Run added = Cli.run("secrets", tree.toString(), "--baseline", previous.toString(), "-f", "json");
    assertThat(added.exit()).isEqualTo(1);
    JsonNode secrets = JSON.readTree(added.stdout()).get("secrets");
    assertThat(secrets).hasSize(1);
    assertThat(secrets.get(0).get("path").asText()).isEqualTo("app/new.txt");
    Path notJson = Files.writeString(tmp.resolve("bad.json"), "{oops");
    Cli.Run bad = Cli.run("secrets", tree.toString(), "--baseline", notJson.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("bad.json");
  }

  /** Issue 18: fingerprints are keyed, so a report cannot confirm a guessed secret; baselines follow the key. */
  @Test
  void fingerprintsAreKeyedPerInstallationOrByAProjectKey() throws Exception {
    Path one = tmp.resolve("cache-one");
    Path two = tmp.resolve("cache-two");
    String token = plant("ghp_" + of(ALNUM, 36));
    write(tree, "app/gh.txt", "token: " + token + "\n");
    JsonNode a = secretIn(Cli.run("secrets", tree.toString(), "--cache-dir", one.toString(), "-f", "json"), "app/gh.txt");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    java.util.HexFormat hex = java.util.HexFormat.of();
    String unkeyed = hex.formatHex(sha.digest(("DD-SEC-003:app/gh.txt:1:"
        + hex.formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)))).getBytes(StandardCharsets.UTF_8)));
    assertThat(a.get("fingerprint").asText()).matches("[0-9a-f]{64}").isNotEqualTo(unkeyed);
    assertThat(Files.readString(one.resolve("secrets-fingerprint.key"))).matches("[0-9a-f]{64}\n");
    JsonNode again = secretIn(Cli.run("secrets", tree.toString(), "--cache-dir", one.toString(), "-f", "json"), "app/gh.txt");
    assertThat(again.get("fingerprint")).isEqualTo(a.get("fingerprint"));
    JsonNode other = secretIn(Cli.run("secrets", tree.toString(), "--cache-dir", two.toString(), "-f", "json"), "app/gh.txt");
    assertThat(other.get("fingerprint")).isNotEqualTo(a.get("fingerprint"));
    // a project key: the same fingerprints on every machine, so a baseline made on one holds on another
    Path key = Files.writeString(tmp.resolve("project.key"), "our team's fingerprint key\n");
    Path previous = tmp.resolve("previous.json");
    assertThat(Cli.run("secrets", tree.toString(), "--cache-dir", one.toString(), "--fingerprint-key-file",
        key.toString(), "-f", "json", "-o", previous.toString()).exit()).isEqualTo(1);
    Cli.Run elsewhere = Cli.run("secrets", tree.toString(), "--cache-dir", two.toString(), "--fingerprint-key-file",
        key.toString(), "--baseline", previous.toString(), "-f", "json");
    assertThat(elsewhere.exit()).as(elsewhere.toString()).isZero();
    assertThat(JSON.readTree(elsewhere.stdout()).get("secrets")).isEmpty();
    // another key: the baseline no longer matches
    Cli.Run unmatched = Cli.run("secrets", tree.toString(), "--cache-dir", two.toString(), "--baseline",
        previous.toString(), "-f", "json");
    assertThat(unmatched.exit()).isEqualTo(1);
    Path empty = Files.writeString(tmp.resolve("empty.key"), "\n");
    Cli.Run bad = Cli.run("secrets", tree.toString(), "--fingerprint-key-file", empty.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("drydock: " + empty + ": the fingerprint key is empty");
  }

  private static JsonNode secretIn(Cli.Run run, String path) throws IOException {
    for (JsonNode s : JSON.readTree(run.stdout()).get("secrets")) {
      if (s.get("path").asText().equals(path)) {
        return s;
      }
    }
    throw new AssertionError("no secret in " + path + ": " + run);
  }

  @Test
  void gitignoreOption() throws IOException {
    write(tree, ".gitignore", "keys/\n*.env\n");
    JsonNode all = JSON.readTree(Cli.run("secrets", tree.toString(), "-f", "json").stdout()).get("secrets");
    JsonNode kept = JSON.readTree(Cli.run("secrets", tree.toString(), "--gitignore", "-f", "json").stdout())
        .get("secrets");
    assertThat(all).hasSize(9);
    assertThat(kept).hasSize(6);
    kept.forEach(s -> assertThat(s.get("path").asText()).doesNotStartWith("keys/").doesNotEndWith(".env"));
  }

  @Test
  void gitHistoryReportsTheCommitThatAddedTheToken() throws Exception {
    Path repo = tmp.resolve("repo");
    String token = plant("ghp_" + of(ALNUM, 36));
    RevCommit added;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      PersonIdent who = new PersonIdent("Grace Hopper", "grace@example.org", Instant.ofEpochSecond(1_700_000_000L),
          ZoneOffset.UTC);
      write(repo, "deploy.sh", "echo deploy\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("one").setAuthor(who).setCommitter(who).call();
      write(repo, "deploy.sh", "echo deploy\nexport GH=" + token + "\n");
      git.add().addFilepattern(".").call();
      added = git.commit().setMessage("two").setAuthor(who).setCommitter(who).call();
      write(repo, "deploy.sh", "echo deploy\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("three").setAuthor(who).setCommitter(who).call();
    }
    Cli.Run r = Cli.run("secrets", "--git", repo.toString(), "-f", "json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertNoPlantedValue(r.stdout());
    JsonNode secrets = JSON.readTree(r.stdout()).get("secrets");
    assertThat(secrets).hasSize(1);
    assertThat(secrets.get(0).get("commit").asText()).isEqualTo(added.name());
    assertThat(secrets.get(0).get("author").asText()).isEqualTo("Grace Hopper <grace@example.org>");
    assertThat(secrets.get(0).get("date").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(secrets.get(0).get("line").asInt()).isEqualTo(2);
    assertThat(r.err()).contains("in 3 commits");
  }

  @Test
  void homeDirectory() throws IOException {
    Path home = tmp.resolve("home");
    write(home, ".aws/credentials", "[default]\naws_secret_access_key = " + plant(of(B64, 40)) + "\n");
    write(home, ".bash_history", "ls\nsshpass -p " + plant(of(ALNUM, 14)) + " ssh host\n");
    Cli.Run r = Cli.run("secrets", "--home", home.toString(), "-f", "json");
    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertNoPlantedValue(r.stdout());
    List<String> found = new ArrayList<>();
    JSON.readTree(r.stdout()).get("secrets").forEach(s -> found.add(s.get("ruleId").asText() + " "
        + s.get("path").asText()));
    assertThat(found).containsExactly("DD-SEC-202 .aws/credentials", "DD-SEC-207 .bash_history");
  }

  @Test
  void imageScanReportsLayerSecretsUnlessNoSecrets() throws IOException {
    String token = plant("ghp_" + of(ALNUM, 36));
    String envToken = plant("ghp_" + of(ALNUM, 36));
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).history("ADD rootfs /")
        .env("GH_TOKEN=" + envToken)
        .layer(l -> l.file("app/.env", "GH=" + token + "\n")).history("COPY .env /app/")
        .layer(l -> l.whiteout("app/.env")).history("RUN rm /app/.env");
    Path tar = img.write(tmp.resolve("img.tar"));
    for (String format : Reports.names()) {
      Cli.Run r = Cli.run("scan", tar.toString(), "--cache-dir", cache.toString(), "--format", format);
      assertThat(r.exit()).as(r.toString()).isZero();
      assertNoPlantedValue(r.stdout() + r.err() + r.out());
    }
    JsonNode json = JSON.readTree(Cli.run("scan", tar.toString(), "--cache-dir", cache.toString(), "-f", "json")
        .stdout());
    JsonNode secrets = json.get("secrets");
    assertThat(secrets).hasSize(2);
    assertThat(secrets.get(0).get("layerDiffId").asText()).isEqualTo(img.diffId(1));
    assertThat(secrets.get(0).get("deleted").asBoolean()).isTrue();
    assertThat(secrets.get(1).get("path").asText()).isEqualTo("image-config:env");
    JsonNode without = JSON.readTree(Cli.run("scan", tar.toString(), "--cache-dir", cache.toString(), "-f", "json",
        "--no-secrets").stdout());
    assertThat(without.get("secrets")).isEmpty();
    assertThat(without.get("checksRun").toString()).doesNotContain("secrets");
  }

  /** Issue 18: a {@code db.password=} line in a {@code .properties} file an upper layer deleted was not reported. */
  @Test
  void passwordInADeletedPropertiesFileIsReported() throws IOException {
    String password = plant(of(ALNUM, 18));
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).history("ADD rootfs /")
        .layer(l -> l.file("app/config/application.properties", "# database\ndb.url=jdbc:postgresql://db:5432/app\n"
            + "db.user=app\ndb.password=" + password + "\nfeature.enabled=true\n")).history("COPY config /app/config")
        .layer(l -> l.whiteout("app/config/application.properties")).history("RUN rm /app/config/application.properties");
    Path tar = img.write(tmp.resolve("props.tar"));
    Cli.Run r = Cli.run("scan", tar.toString(), "--cache-dir", cache.toString(), "-f", "json");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertNoPlantedValue(r.stdout() + r.err());
    JsonNode secrets = JSON.readTree(r.stdout()).get("secrets");
    assertThat(secrets).as(r.stdout()).hasSize(1);
    JsonNode s = secrets.get(0);
    assertThat(s.get("path").asText()).isEqualTo("app/config/application.properties");
    assertThat(s.get("line").asInt()).isEqualTo(4);
    assertThat(s.get("redacted").asText()).isEqualTo(password.substring(0, 4) + "****");
    assertThat(s.get("layerDiffId").asText()).isEqualTo(img.diffId(1));
    assertThat(s.get("deleted").asBoolean()).isTrue();
  }

  @Test
  void scanPrintsKeyedFingerprintsForSecretsInLayers() throws IOException {
    String password = plant(of(ALNUM, 18));
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")).history("ADD rootfs /")
        .layer(l -> l.file("app/application.properties", "db.password=" + password + "\n")).history("COPY app /app");
    Path tar = img.write(tmp.resolve("keyed.tar"));
    List<String> prints = new ArrayList<>();
    for (String c : List.of("cache-a", "cache-a", "cache-b")) { // the second run in cache-a reads the layer facts
      Cli.Run r = Cli.run("scan", tar.toString(), "--cache-dir", tmp.resolve(c).toString(), "-f", "json");
      assertThat(r.exit()).as(r.toString()).isZero();
      JsonNode secrets = JSON.readTree(r.stdout()).get("secrets");
      assertThat(secrets).as(r.stdout()).hasSize(1);
      prints.add(secrets.get(0).get("fingerprint").asText());
    }
    String unkeyed = dev.drydock.secrets.FingerprintKey.unkeyed(secretsRule(tar), "app/application.properties", 1,
        password);
    assertThat(prints.get(0)).as("keyed by this installation's key, not the bare digest").isNotEqualTo(unkeyed)
        .isEqualTo(prints.get(1)); // stable for one installation, cold or warm
    assertThat(prints.get(2)).as("another installation (cache) has another key").isNotEqualTo(prints.get(0));
    assertThat(tmp.resolve("cache-a").resolve(dev.drydock.secrets.FingerprintKey.FILE)).exists();
  }

  private String secretsRule(Path tar) throws IOException {
    Cli.Run r = Cli.run("scan", tar.toString(), "--cache-dir", tmp.resolve("cache-rule").toString(), "-f", "json");
    return JSON.readTree(r.stdout()).get("secrets").get(0).get("ruleId").asText();
  }
}
