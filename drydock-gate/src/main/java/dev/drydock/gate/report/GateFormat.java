package dev.drydock.gate.report;

import dev.drydock.gate.GateReport;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link GateReport} in one format. */
@FunctionalInterface
public interface GateFormat {
  void render(GateReport report, OutputStream out) throws IOException;
}
