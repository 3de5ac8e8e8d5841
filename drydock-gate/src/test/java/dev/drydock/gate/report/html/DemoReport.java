package dev.drydock.gate.report.html;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.gate.GateFinding;
import dev.drydock.gate.GateFindings;
import dev.drydock.gate.GateReport;
import dev.drydock.gate.baseline.Baseline;
import dev.drydock.gate.baseline.BaselineLoader;
import dev.drydock.gate.drift.DriftReport;
import dev.drydock.gate.eval.Gate;
import dev.drydock.gate.eval.GateResult;
import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/** A gate report from a real evaluation of the demo image's scan (fixtures/gate/FIXTURES.md). */
final class DemoReport {
  private DemoReport() {}

  static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  static ScanResult scan() {
    try (InputStream in = DemoReport.class.getResourceAsStream("/fixtures/gate/demo-app-scan.json")) {
      return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
          .readValue(in, ScanResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code baseline}'s evaluation of {@code findings}, with failing findings per layer of the scan. */
  static GateReport report(Baseline baseline, ScanResult scan, List<GateFinding> findings, DriftReport drift) {
    GateResult result = Gate.evaluate(baseline, null, null, findings, List.of(), TODAY);
    List<GateReport.LayerCount> layers = GateReport.failingByLayer(List.of(scan), result);
    return new GateReport("2026-11-29T10:00:00Z", "built-in default", List.of("examples/demo-app.tar"), result,
        layers, drift);
  }

  static GateReport report() {
    ScanResult scan = scan();
    return report(BaselineLoader.defaults(), scan, GateFindings.of(scan), null);
  }
}
