package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.gate.GateReport;
import dev.drydock.gate.eval.Decision;
import dev.drydock.gate.eval.RuleResult;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate over a real scan: the demo image matched against the bundled real advisories. */
class GateRunTest {
  @TempDir Path tmp;
  private ScanResult demo;

  @BeforeEach
  void scanDemo() {
    Path cache = tmp.resolve("cache");
    ScanResult inventory = new Scanner().scan(Path.of("../examples/demo-app.tar"), ScanOptions.defaults(cache));
    demo = VulnerabilityScan.match(inventory, cache, new VulnerabilityScan.Options(
        List.of(Path.of("../examples/advisories")), null, false, null, null, false), Instant.now());
  }

  @Test
  void defaultBaselineFailsOnTheFixableKnownExploitedLog4Shell() {
    GateReport report = GateRun.run(List.of(demo), null, null, null, null, Instant.now());
    assertThat(report.result().decision()).isEqualTo(Decision.FAIL);
    assertThat(report.result().exitCode(false)).isEqualTo(1);
    RuleResult kev = report.result().rules().stream().filter(r -> r.ruleId().equals("vuln.fixable-kev"))
        .findFirst().orElseThrow();
    assertThat(kev.passed()).isFalse();
    assertThat(kev.failing()).extracting(f -> f.id()).contains("CVE-2021-44228", "CVE-2021-45046");
    assertThat(report.baseline()).isEqualTo("built-in default");
    assertThat(report.findingsByLayer()).filteredOn(l -> l.index() == 3).singleElement()
        .satisfies(l -> assertThat(l.findings()).isPositive());
  }

  @Test
  void ratchetFailsOnANewExposedPortAgainstThePreviousRelease() throws IOException {
    Path baseline = Files.writeString(tmp.resolve("drydock-baseline.yaml"), String.join("\n",
        "version: 1",
        "rules:",
        "  - id: ratchet.exposed-port",
        "    level: must-pass",
        "    description: no new exposed ports",
        ""));
    ScanResult previous = demo.toBuilder()
        .config(new dev.drydock.model.ImageConfig(demo.config().os(), demo.config().architecture(), null,
            demo.config().user(), demo.config().env(), List.of(), demo.config().entrypoint(), demo.config().cmd(),
            demo.config().workingDir(), demo.config().labels(), demo.config().healthcheck(), demo.config().history()))
        .suppressed(List.of())
        .misconfigurations(List.of())
        .secrets(List.of())
        .checksRun(List.of())
        .advisoryData(List.of())
        .coverage(List.of())
        .build();
    GateReport report = GateRun.run(List.of(demo), baseline, null, null, previous, Instant.now());
    assertThat(report.drift()).isNotNull();
    assertThat(report.drift().config().portsAdded()).containsExactly("8080/tcp");
    assertThat(report.result().decision()).isEqualTo(Decision.FAIL);

    GateReport same = GateRun.run(List.of(demo), baseline, null, null, demo, Instant.now());
    assertThat(same.result().decision()).isEqualTo(Decision.PASS);
  }
}
