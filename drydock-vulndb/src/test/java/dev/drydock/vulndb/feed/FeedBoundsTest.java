package dev.drydock.vulndb.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.vulndb.osv.OsvRecord;
import dev.drydock.vulndb.store.VulnStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code AlpineSecdbImporter} read a whole file into memory, and no feed had a byte limit of its own.
 * The hostile files are gzip-compressed Alpine secdb documents padded with blanks, built here: small on disk,
 * large once read.
 */
class FeedBoundsTest {
  @TempDir Path cache;
  @TempDir Path work;

  /** A secdb JSON document with {@code padding} blanks between its two packages, distroversion last. */
  static Path paddedSecdb(Path file, long padding) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(("{\"reponame\": \"main\", \"packages\": [\n"
          + "{\"pkg\": {\"name\": \"openssl\", \"secfixes\": {\"3.1.4-r1\": [\"CVE-2023-5678\"]}}},")
          .getBytes(StandardCharsets.UTF_8));
      byte[] blanks = new byte[1 << 20];
      java.util.Arrays.fill(blanks, (byte) ' ');
      for (long left = padding; left > 0; left -= blanks.length) {
        out.write(blanks, 0, (int) Math.min(blanks.length, left));
      }
      out.write(("{\"pkg\": {\"name\": \"xen\", \"secfixes\": {\"4.10.0-r2\": [\"XSA-252 CVE-2018-0001\"]}}}\n"
          + "], \"distroversion\": \"v3.18\"}\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  @Test
  void aFeedOverItsByteLimitIsOneLineAndTheStoreIsUnchanged() throws IOException {
    Path ok = paddedSecdb(work.resolve("v3.18-main.json.gz"), 1000);
    Imports.importPaths(List.of(ok), cache);
    byte[] before = Files.readAllBytes(VulnStore.storeFile(cache));
    Path big = paddedSecdb(work.resolve("v3.18-main.json.gz"), 65L << 20);
    assertThatThrownBy(() -> Imports.importPaths(List.of(big), cache)).isInstanceOf(FeedException.class)
        .hasMessage(big.toAbsolutePath() + ": alpine-secdb feed is larger than 67108864 bytes (its import limit)");
    assertThat(Files.readAllBytes(VulnStore.storeFile(cache))).isEqualTo(before);
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("Alpine:v3.18", "openssl")).extracting(OsvRecord::id).containsExactly("CVE-2023-5678");
    }
  }

  @Test
  void alpineSecdbIsStreamedIn32MbOfHeap() throws Exception {
    Path file = paddedSecdb(work.resolve("v3.18-main.json.gz"), 60L << 20);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName(), file.toString(),
        cache.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    try (VulnStore store = VulnStore.open(cache)) {
      assertThat(store.advisories("Alpine:v3.18", "openssl")).extracting(OsvRecord::id).containsExactly("CVE-2023-5678");
      assertThat(store.advisories("Alpine:v3.18", "xen")).extracting(OsvRecord::id)
          .containsExactlyInAnyOrder("XSA-252", "CVE-2018-0001");
    }
  }

  /** Runs in the child JVM: {@code db import FILE} into the cache. */
  public static final class Child {
    public static void main(String[] args) {
      Imports.importPaths(List.of(Path.of(args[0])), Path.of(args[1]));
    }
  }
}
