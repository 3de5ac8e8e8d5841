package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.model.Ecosystem;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.model.Vulnerability;
import dev.drydock.report.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs to {@code config}, {@code gate} and {@code scan --dockerfile} as a user runs them (issue 18): one
 * line on standard error, exit 2, at once; never a hang, a stack trace or exit 4.
 */
@EnabledOnOs(OS.LINUX)
class HostileInputCliTest {
  private static final Duration AT_ONCE = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private Path result;
  private Path fifo;

  @BeforeEach
  void files() throws Exception {
    Vulnerability v = new Vulnerability("CVE-2021-44228", List.of(), "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1", List.of("2.15.0"), Vulnerability.Status.FIXED,
        Severity.CRITICAL, List.of(), null, null, null, true, "2021-12-24", 100.0, "Log4Shell", "2021-12-10", 0, null,
        null, List.of(), List.of(), List.of(), null, null);
    ScanResult r = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion("test")
        .createdAt("2026-01-01T00:00:00Z")
        .target(new Target("image", "app.tar", null, null, null, null))
        .vulnerabilities(List.of(v))
        .stats(new ScanStats(0, 0, 0, 0, 0, 0))
        .build();
    result = tmp.resolve("result.json");
    Json.mapper().writeValue(result.toFile(), r);
    fifo = tmp.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
  }

  private static Cli.Run run(String... args) {
    return assertTimeoutPreemptively(AT_ONCE, () -> Cli.run(args));
  }

  private static void oneLine(Cli.Run r, String line) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).as(r.toString()).containsExactly(line);
  }

  @Test
  void gateRefusesAFifoOrDevZeroAsBaselineAtOnce() {
    // a FIFO blocked forever; /dev/zero ran out of memory
    oneLine(run("gate", "--baseline", fifo.toString(), result.toString()),
        "drydock: " + fifo + ": baseline is a FIFO, not a regular file");
    oneLine(run("gate", "--baseline", "/dev/zero", result.toString()),
        "drydock: /dev/zero: baseline is a character device, not a regular file");
  }

  @Test
  void gateRefusesAFifoAsResultOrPreviousResult() {
    oneLine(run("gate", fifo.toString()), "drydock: " + fifo + ": result is a FIFO, not a regular file");
    oneLine(run("gate", "--previous", "/dev/zero", result.toString()),
        "drydock: /dev/zero: previous result is a character device, not a regular file");
  }

  @Test
  void gateOnAVulnerabilityWithoutStatusIsBadInputNotAnInternalError() throws Exception {
    // was exit 4: "internal error: java.lang.NullPointerException"
    ObjectNode tree = (ObjectNode) Json.mapper().readTree(result.toFile());
    ((ObjectNode) tree.get("vulnerabilities").get(0)).remove("status");
    Path noStatus = tmp.resolve("no-status.json");
    Json.mapper().writeValue(noStatus.toFile(), tree);
    Cli.Run r = run("gate", noStatus.toString());
    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("drydock: not a drydock result: " + noStatus + ": ")
        .contains("missing required field 'status'");
  }

  @Test
  void configNamedAFifoOrDevZeroIsRefusedAtOnce() {
    oneLine(run("config", fifo.toString()), "drydock: " + fifo + ": configuration file is a FIFO, not a regular file");
    oneLine(run("config", "/dev/zero"), "drydock: /dev/zero: configuration file is a character device, not a regular"
        + " file");
  }

  @Test
  void configWithNothingCheckablePrintsOneLine() throws Exception {
    // was two lines: the warning and the summary
    Path bad = Files.writeString(tmp.resolve("Dockerfile"), "RUN echo\n");
    oneLine(run("config", bad.toString(), "-o", tmp.resolve("out.txt").toString()), bad + ":1: RUN before the first FROM");
    assertThat(tmp.resolve("out.txt")).exists();
  }

  @Test
  void scanRefusesAFifoAsDockerfileBeforeReadingTheImage() {
    oneLine(run("scan", "--dockerfile", fifo.toString(), "--cache-dir", tmp.resolve("cache").toString(),
        "--advisories", "../examples/advisories", DemoImageCliTest.DEMO.toString()),
        "drydock: " + fifo + ": Dockerfile is a FIFO, not a regular file");
  }
}
