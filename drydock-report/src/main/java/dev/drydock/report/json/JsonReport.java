package dev.drydock.report.json;

import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** drydock's own JSON: the {@link ScanResult} as is (docs/json-format.md); {@code drydock convert} reads it back. */
public final class JsonReport implements ReportFormat {

  @Override
  public String name() {
    return "json";
  }

  @Override
  public void write(ScanResult result, OutputStream out) throws IOException {
    Json.mapper().writeValue(out, result);
    out.write("\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
