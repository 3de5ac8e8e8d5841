package dev.drydock.engine;

import dev.drydock.gate.GateReport;
import dev.drydock.gate.report.GateFormats;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A gate decision: the report (rendered in any gate format), its one-line summary and the exit code it asks
 * for. Front ends render it; they need not know the gate module.
 */
public final class GateVerdict {
  private final GateReport report;

  GateVerdict(GateReport report) {
    this.report = report;
  }

  /** The gate's report (for front ends that render it themselves, e.g. a server's JSON). */
  public GateReport report() {
    return report;
  }

  /** Throws a one-line {@link dev.drydock.model.DrydockException} when {@code format} is not a gate format. */
  public static void checkFormat(String format) {
    GateFormats.byName(format);
  }

  /** Writes the report in {@code format}: table, json, junit, sarif, markdown or html. */
  public void render(String format, OutputStream out) throws IOException {
    GateFormats.byName(format).render(report, out);
  }

  /** {@code drydock: gate PASS (score 100, grade A)} and the reasons. */
  public String summary() {
    var r = report.result();
    return "drydock: gate " + r.decision() + " (score " + r.score().value() + ", grade " + r.score().grade().label()
        + ")" + (r.reasons().isEmpty() ? "" : ": " + String.join("; ", r.reasons()));
  }

  /** 0 pass, 1 a must-pass rule failed, 3 only may-fail rules failed and {@code failOnWarn}. */
  public int exitCode(boolean failOnWarn) {
    return report.result().exitCode(failOnWarn);
  }
}
