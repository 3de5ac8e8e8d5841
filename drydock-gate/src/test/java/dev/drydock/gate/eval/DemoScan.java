package dev.drydock.gate.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

/** The demo image's real scan result (fixtures/gate/FIXTURES.md) as gate findings. */
final class DemoScan {
  private DemoScan() {}

  static final List<GateFinding> FINDINGS = load();

  private static List<GateFinding> load() {
    try (InputStream in = DemoScan.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      ScanResult r = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
          .readValue(in, ScanResult.class);
      return GateFindings.of(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<GateFinding> where(Predicate<GateFinding> p) {
    return FINDINGS.stream().filter(p).toList();
  }

  static GateFinding byId(String id) {
    return FINDINGS.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  static Predicate<GateFinding> purlContains(String s) {
    return f -> f.purl() != null && f.purl().contains(s);
  }
}
