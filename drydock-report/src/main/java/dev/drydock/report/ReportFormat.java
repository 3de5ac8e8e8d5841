package dev.drydock.report;

import dev.drydock.model.ScanResult;
import java.io.IOException;
import java.io.OutputStream;

/** One way of rendering a {@link ScanResult}. Implementations write to {@code out} and never close it. */
public interface ReportFormat {

  /** The name users pass to {@code --format}. */
  String name();

  void write(ScanResult result, OutputStream out) throws IOException;
}
