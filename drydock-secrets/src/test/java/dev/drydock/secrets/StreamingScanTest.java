package dev.drydock.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StreamingScanTest {
  private static final SecretScanner.Options WHOLE =
      SecretScanner.Options.DEFAULT.withChunkSize(64 * 1024 * 1024);

  /** Filler lines with tokens placed so that some straddle any chunk boundary of the tested sizes. */
  private static String document(List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    int line = 0;
    while (sb.length() < 600_000) {
      if (line % 997 == 0) {
        String token = "ghp_" + Fake.alnum(36);
        tokens.add(token);
        sb.append("  github_token: ").append(token).append('\n');
      } else if (line % 1499 == 0) {
        sb.append("-----BEGIN RSA PRIVATE KEY-----\n").append(Fake.pemBody()).append("-----END RSA PRIVATE KEY-----\n");
      } else {
        sb.append("filler line ").append(line).append(" with some words ü and ").append(Fake.alnum(line % 50))
            .append('\n');
      }
      line++;
    }
    return sb.toString();
  }

  @Test
  void chunkedScanFindsEverySecretExactlyOnceWithTheSamePositions() throws IOException {
    List<String> tokens = new ArrayList<>();
    byte[] content = document(tokens).getBytes(StandardCharsets.UTF_8);
    List<ExposedSecret> whole = new SecretScanner(BuiltinRules.all(), WHOLE).scan("f.yml", content);
    assertThat(whole.stream().filter(f -> f.ruleId().equals("DD-SEC-003"))).hasSize(tokens.size());
    assertThat(whole.stream().filter(f -> f.ruleId().equals("DD-SEC-016")).count()).isGreaterThan(5);
    for (int chunk : new int[] {4093, 65_537, 100_003, 1 << 20}) {
      SecretScanner chunked = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT.withChunkSize(chunk));
      assertThat(chunked.scan("f.yml", new ByteArrayInputStream(content))).as("chunk %d", chunk)
          .containsExactlyElementsOf(whole);
    }
  }

  @Test
  void aSecretAcrossTheBoundaryIsReportedOnceWithItsLineAndColumn() throws IOException {
    int chunk = 100_000;
    for (int shift = -45; shift <= 5; shift += 5) {
      String token = "npm_" + Fake.alnum(36);
      StringBuilder sb = new StringBuilder();
      sb.append("x".repeat(50)).append('\n');
      // the token starts `shift` characters from the end of the first chunk plus the overlap
      int at = chunk - SecretScanner.OVERLAP + shift + 70_000;
      while (sb.length() < at - 5) {
        sb.append("y".repeat(Math.min(99, at - 5 - sb.length() - 1))).append('\n');
      }
      int lineStart = sb.lastIndexOf("\n") + 1;
      int line = (int) sb.chars().filter(c -> c == '\n').count() + 1;
      sb.append("tok=").append(token).append(" end\n").append("z".repeat(200_000)).append('\n');
      SecretScanner scanner = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT.withChunkSize(chunk));
      List<ExposedSecret> findings = scanner.scan("f", new ByteArrayInputStream(sb.toString().getBytes(
          StandardCharsets.UTF_8)));
      assertThat(findings).as("shift %d", shift).hasSize(1);
      assertThat(findings.get(0).line()).isEqualTo(line);
      assertThat(findings.get(0).column()).isEqualTo(sb.indexOf(token) - lineStart + 1);
      assertThat(findings.get(0).fingerprint())
          .isEqualTo(SecretScanner.fingerprint("DD-SEC-014", "f", line, token));
    }
  }

  @Test
  @Timeout(120)
  void aHugeSingleLineFileIsScannedInBoundedMemory() throws IOException {
    long size = 50L * 1024 * 1024;
    String token = "glpat-" + Fake.alnum(20);
    byte[] tail = (";var t=\"" + token + "\";").getBytes(StandardCharsets.US_ASCII);
    InputStream in = new GeneratedStream(size, "function(a){return a+1},".getBytes(StandardCharsets.US_ASCII), tail);
    SecretScanner.Result result = new SecretScanner().analyze("app.min.js", in);
    assertThat(result.warnings()).isEmpty();
    assertThat(result.findings()).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-007");
    assertThat(result.findings().get(0).line()).isEqualTo(1);
    assertThat(result.findings().get(0).column()).isEqualTo((int) (size - tail.length) + 9);
  }

  @Test
  void invalidUtf8IsReplacedAndScanningGoesOn() {
    String token = "ghp_" + Fake.alnum(36);
    byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, '\n', (byte) 0xe2, (byte) 0x82};
    byte[] tok = ("k=" + token + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[bad.length * 2 + tok.length];
    System.arraycopy(bad, 0, content, 0, bad.length);
    System.arraycopy(tok, 0, content, bad.length, tok.length);
    System.arraycopy(bad, 0, content, bad.length + tok.length, bad.length);
    List<ExposedSecret> findings = new SecretScanner().scan("f", content);
    assertThat(findings).extracting(ExposedSecret::line).containsExactly(2);
  }

  @Test
  void nulHeavyBinariesAreSkippedWithoutError() throws IOException {
    byte[] content = new byte[3 * 1024 * 1024];
    byte[] tok = ("ghp_" + Fake.alnum(36)).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + tok.length < content.length; i += 4096) {
      System.arraycopy(tok, 0, content, i + 100, tok.length);
    }
    SecretScanner.Result r = new SecretScanner().analyze("lib.so", new ByteArrayInputStream(content));
    assertThat(r.findings()).isEmpty();
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void nulBytesAfterTheProbeDoNotStopTheScan() {
    byte[] content = new byte[1024 * 1024];
    java.util.Arrays.fill(content, (byte) 'a');
    for (int i = 20_000; i < content.length; i += 3) {
      content[i] = 0;
    }
    byte[] tok = (" ghp_" + Fake.alnum(36) + " ").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(tok, 0, content, 500_000, tok.length);
    assertThat(new SecretScanner().scan("f", content)).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-003");
  }

  @Test
  void filesOverTheSizeLimitAreScannedUpToItWithAWarning() {
    String t1 = "ghp_" + Fake.alnum(36);
    String t2 = "ghp_" + Fake.alnum(36);
    String text = "a=" + t1 + "\n" + "x".repeat(10_000) + "\nb=" + t2 + "\n";
    SecretScanner scanner = new SecretScanner(BuiltinRules.all(), SecretScanner.Options.DEFAULT.withMaxFileSize(5000));
    SecretScanner.Result r = scanner.analyze("big.txt", text.getBytes(StandardCharsets.UTF_8));
    assertThat(r.findings()).extracting(ExposedSecret::line).containsExactly(1);
    assertThat(r.warnings()).singleElement().asString().startsWith("big.txt: only the first 5000 bytes");
    SecretScanner.Result exact = scanner.analyze("small.txt", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
    assertThat(exact.warnings()).isEmpty();
  }

  @Test
  @Timeout(30)
  void aBacktrackingRegexIsStoppedByTheTimeLimitAndTheNextFileIsScanned() {
    Rule evil = Rule.builder("EVIL").description("catastrophic").severity(Severity.LOW).keywords("aaaa")
        .regex(SecretPattern.jdk("(.*a){12}z")).build();
    Rule token = BuiltinRules.all().get(2);
    SecretScanner scanner = new SecretScanner(List.of(evil, token),
        SecretScanner.Options.DEFAULT.withTimeout(Duration.ofMillis(300)));
    long start = System.nanoTime();
    SecretScanner.Result slow = scanner.analyze("slow.txt", ("a".repeat(40) + "!\n").getBytes(StandardCharsets.UTF_8));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(slow.findings()).isEmpty();
    assertThat(slow.warnings()).singleElement().asString()
        .startsWith("slow.txt: secret scan stopped at the time limit");
    String t = "ghp_" + Fake.alnum(36);
    SecretScanner.Result next = scanner.analyze("next.txt", ("k=" + t).getBytes(StandardCharsets.UTF_8));
    assertThat(next.warnings()).isEmpty();
    assertThat(next.findings()).extracting(ExposedSecret::ruleId).containsExactly("DD-SEC-003");
  }

  @Test
  void parallelScansGiveTheSameResultsAsSequentialOnes() throws Exception {
    SecretScanner scanner = new SecretScanner();
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      files.add(document(new ArrayList<>()).substring(0, 50_000 + i * 1000).getBytes(StandardCharsets.UTF_8));
    }
    List<List<ExposedSecret>> sequential = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      sequential.add(scanner.scan("f" + i, files.get(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<ExposedSecret>>> futures = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        int n = i;
        futures.add(pool.submit(() -> scanner.scan("f" + n, files.get(n))));
      }
      for (int i = 0; i < files.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(sequential.get(i)).isNotEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void pathOnlyRulesReportTheFile() {
    Rule pkcs12 = Rule.builder("pkcs12-file").description("PKCS #12 file").severity(Severity.HIGH)
        .path(SecretPattern.re2("(?i)(?:^|/)[^/]+\\.p(?:12|fx)$")).build();
    SecretScanner scanner = new SecretScanner(List.of(pkcs12));
    List<ExposedSecret> findings = scanner.scan("etc/certs/server.p12", new byte[] {0x30, (byte) 0x82, 0});
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo("pkcs12-file");
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.redacted()).isEqualTo("****");
    });
    assertThat(scanner.scan("etc/certs/server.pem", new byte[] {'x'})).isEmpty();
  }

  /** {@code size} bytes: {@code unit} repeated, then {@code tail}; never held in memory at once. */
  private static final class GeneratedStream extends InputStream {
    private final long size;
    private final byte[] unit;
    private final byte[] tail;
    private long pos;

    GeneratedStream(long size, byte[] unit, byte[] tail) {
      this.size = size;
      this.unit = unit;
      this.tail = tail;
    }

    @Override
    public int read() {
      if (pos >= size) {
        return -1;
      }
      long tailStart = size - tail.length;
      int b = pos >= tailStart ? tail[(int) (pos - tailStart)] : unit[(int) (pos % unit.length)];
      pos++;
      return b & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }
  }
}
