package dev.drydock.secrets.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.BuiltinRules;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.crypto.WeakCryptoScanner;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: {@code secrets} on a tree with a 300 MB file took 688 MB of memory (the file was read whole) where the
 * docs promise about 3 chunk sizes per file. The tree is scanned in a child JVM limited to 64 MiB of heap; the file
 * is sparse (text, a hole of NUL bytes, a token at 40 MB, a hole to 300 MB) so that building it costs no disk. The
 * scanner reads the first 64 MiB of each file (its size limit), so the test is quick; the old tree walk read the
 * whole file before the scanner saw it. The time limit is generous: this test is about memory, not speed.
 */
class BoundedMemoryTest {
  static final long SIZE = 300L * 1000 * 1000;
  static final long FAR = 40L * 1000 * 1000;

  @TempDir Path tmp;

  @Test
  void a300MbFileIsScannedIn64MbOfHeap() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Random random = new Random(18);
    String near = token(random);
    String far = token(random);
    StringBuilder header = new StringBuilder();
    int lines = 0;
    while (header.length() < 16 * 1024) {
      header.append("log line ").append(lines++).append(": nothing to see here\n");
    }
    header.append("github_token: ").append(near).append('\n');
    int nearLine = ++lines;
    Path big = tree.resolve("big.log");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.write(header.toString().getBytes(StandardCharsets.UTF_8));
      f.seek(FAR);
      f.write(("\ngithub_token: " + far + "\n").getBytes(StandardCharsets.UTF_8));
      f.setLength(SIZE);
    }
    int farLine = nearLine + 2;
    String password = token(random).substring(4);
    Files.writeString(tree.resolve("small.properties"), "db.password=" + password + "\n");

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Child.class.getName(), tree.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.lines().toList()).as(out).containsExactly(
        "big.log:" + nearLine + " DD-SEC-003 " + near.substring(0, 4) + "****",
        "big.log:" + farLine + " DD-SEC-003 " + far.substring(0, 4) + "****",
        "small.properties:1 DD-SEC-115 " + password.substring(0, 4) + "****",
        "warning: big.log: only the first 67108864 bytes were scanned (size limit)",
        "bytes " + (SIZE + Files.size(tree.resolve("small.properties"))));
  }

  private static String token(Random random) {
    String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder sb = new StringBuilder("ghp_");
    for (int i = 0; i < 36; i++) {
      sb.append(alnum.charAt(random.nextInt(alnum.length())));
    }
    return sb.toString();
  }

  /** Runs in the child JVM: scans the tree as {@code drydock secrets} does and prints what it found. */
  public static final class Child {
    public static void main(String[] args) throws IOException {
      SecretScanner scanner = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT
          .withMaxFileSize(64L << 20).withTimeout(Duration.ofMinutes(5)));
      TreeScan.Result r = new TreeScan(scanner, new WeakCryptoScanner(),
          new TreeScan.Options(false, 1L << 30, 2)).scan(Path.of(args[0]));
      List<String> out = new ArrayList<>();
      for (ExposedSecret s : r.secrets()) {
        out.add(s.path() + ":" + s.line() + " " + s.ruleId() + " " + s.redacted());
      }
      r.warnings().forEach(w -> out.add("warning: " + w));
      out.add("bytes " + r.bytesScanned());
      out.forEach(System.out::println);
    }
  }
}
