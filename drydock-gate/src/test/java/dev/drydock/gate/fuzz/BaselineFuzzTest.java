package dev.drydock.gate.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.eval.Gate;
import dev.drydock.model.ScanResult;
import dev.drydock.model.testing.FuzzContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Baselines (issue 18): the fuzzed bytes are a {@code --baseline} file, parsed through drydock-yaml's bounded
 * reader (depth, aliases, merge keys, value length), checked against the schema and read into rules, thresholds,
 * tiers and waivers; a baseline that loads is then evaluated against the demo scan's findings as {@code gate}
 * does. Seeds: the built-in default baseline and a copy of the CLI golden tests' baseline (drydock-cli/src/test/resources/golden/baseline.yaml).
 */
class BaselineFuzzTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private static final List<GateFinding> FINDINGS = findings();

  private static List<GateFinding> findings() {
    ObjectMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    try (InputStream in = BaselineFuzzTest.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      return GateFindings.of(json.readValue(in, ScanResult.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Arguments> seeds() throws IOException {
    try (InputStream in = BaselineLoader.class.getResourceAsStream("/dev/drydock/gate/default-baseline.yaml")) {
      byte[] builtin = in.readAllBytes();
      String waivers = """
          # Example baseline for the golden "gate --baseline" case (see docs/baseline.md). The waiver expires far in
          # the future so that the output does not depend on today's date.
          version: 1
          rules:
            - class: vuln.fixable-critical
              level: must-pass
              description: Fix criticals before release
            - class: vuln.high
              level: may-fail
              fixable: true
            - class: tag:config
              level: info
            - id: DD-DATA-001
              level: info
            - id: DD-DATA-002
              level: info
          waivers:
            - id: CVE-2021-44228
              purl: pkg:maven/org.apache.logging.log4j/log4j-core
              owner: team-payments
              reason: JNDI lookups disabled
              ticket: SEC-1234
              expires: 2999-12-31
          min-score: 10
          """;
      return Stream.of(Arguments.of((Object) builtin), Arguments.of((Object) waivers.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @MethodSource("seeds")
  @FuzzTest
  void baseline(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    FuzzContract.holds(() -> {
      Baseline b = BaselineLoader.parse("baseline.yaml", text);
      Gate.evaluate(b, null, null, FINDINGS, List.of(), TODAY);
    });
  }
}
