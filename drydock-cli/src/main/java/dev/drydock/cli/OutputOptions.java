package dev.drydock.cli;

import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output}, shared by every command that writes a report. */
final class OutputOptions {
  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES}.", completionCandidates = FormatNames.class)
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Reports.names().iterator();
    }
  }

  ReportFormat reportFormat() {
    return Reports.byName(format);
  }

  /** The format; a table lists the packages only when {@code listPackages}. */
  ReportFormat reportFormat(boolean listPackages) {
    return Reports.byName(format, listPackages);
  }

  /**
   * Writes the report. A file is written beside its destination and renamed into place, so a reader never
   * sees half a report.
   */
  void write(ScanResult result, ReportFormat fmt, PrintWriter out) {
    Outputs.write(output, os -> fmt.write(result, os), out);
  }
}
