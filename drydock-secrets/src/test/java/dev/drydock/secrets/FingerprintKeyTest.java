package dev.drydock.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: a report's fingerprint must not let its holder confirm a guessed secret offline. */
class FingerprintKeyTest {
  @TempDir Path tmp;

  private static ExposedSecret scanOne(FingerprintKey key, String token) {
    SecretScanner scanner = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT, key);
    List<ExposedSecret> found = scanner.scan("app/config.yml",
        ("github: " + token + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void aGuessCannotBeConfirmedFromTheReportWithoutTheKey() {
    String token = "ghp_" + Fake.alnum(36);
    ExposedSecret f = scanOne(FingerprintKey.installation(tmp.resolve("cache")), token);
    // what a report holder computes from rule, path, line and the guess: the old, unkeyed formula
    String guess = Hashes.sha256("DD-SEC-003:app/config.yml:1:" + Hashes.sha256(token));
    assertThat(f.fingerprint()).matches("[0-9a-f]{64}").isNotEqualTo(guess);
  }

  @Test
  void keyedFingerprintIsHmacOfTheUnkeyedDigest() throws Exception {
    String token = "ghp_" + Fake.alnum(36);
    ExposedSecret f = scanOne(FingerprintKey.ofText("team key\n", "test"), token);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("team key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String unkeyed = FingerprintKey.unkeyed("DD-SEC-003", "app/config.yml", 1, token);
    assertThat(f.fingerprint())
        .isEqualTo(HexFormat.of().formatHex(mac.doFinal(unkeyed.getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(FingerprintKey.ofText("team key", "other").apply(unkeyed));
    assertThat(scanOne(FingerprintKey.none(), token).fingerprint()).isEqualTo(unkeyed);
  }

  @Test
  void installationKeyIsCreatedOnceWithMode0600AndStable() throws Exception {
    Path cache = tmp.resolve("cache");
    String token = "ghp_" + Fake.alnum(36);
    String first = scanOne(FingerprintKey.installation(cache), token).fingerprint();
    Path file = cache.resolve(FingerprintKey.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
    assertThat(scanOne(FingerprintKey.installation(cache), token).fingerprint()).isEqualTo(first);
    // another installation: another key
    assertThat(scanOne(FingerprintKey.installation(tmp.resolve("other")), token).fingerprint()).isNotEqualTo(first);
    // the same key text elsewhere (a project key, or the installation key copied): the same fingerprints
    Path copy = Files.writeString(tmp.resolve("project.key"), Files.readString(file));
    assertThat(scanOne(FingerprintKey.choose(copy, null, tmp.resolve("third")), token).fingerprint()).isEqualTo(first);
    assertThat(scanOne(FingerprintKey.choose(null, Files.readString(file), tmp.resolve("fourth")), token).fingerprint())
        .isEqualTo(first);
    try (var s = Files.list(cache)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly(FingerprintKey.FILE);
    }
    // nothing found, nothing written: the cache directory is not touched
    Path untouched = tmp.resolve("untouched");
    new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT, FingerprintKey.installation(untouched))
        .scan("a.txt", "nothing here\n".getBytes(StandardCharsets.UTF_8));
    assertThat(untouched).doesNotExist();
  }

  @Test
  void processesStartingAtOnceAgreeOnOneKey() throws Exception {
    Path cache = tmp.resolve("cache");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> keys = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        keys.add(pool.submit(() -> FingerprintKey.installation(cache).apply("x")));
      }
      String first = keys.get(0).get();
      for (Future<String> k : keys) {
        assertThat(k.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badKeysAreOneLineErrors() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.key"), "  \n");
    assertThatThrownBy(() -> FingerprintKey.fromFile(empty)).isInstanceOf(DrydockException.class)
        .hasMessage(empty + ": the fingerprint key is empty");
    Path big = Files.writeString(tmp.resolve("big.key"), "k".repeat(5000));
    assertThatThrownBy(() -> FingerprintKey.fromFile(big)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith(big + ":");
    // a cache directory that cannot be made (a file is in the way; a read-only one fails alike, but not as root)
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    FingerprintKey lazy = FingerprintKey.installation(notADir);
    assertThatThrownBy(() -> lazy.apply("x")).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("cannot create the secret fingerprint key " + notADir.resolve(FingerprintKey.FILE) + ": ")
        .hasMessageEndingWith("(set " + FingerprintKey.ENV + " or give a key file)");
  }
}
