package dev.drydock.cli;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.Reports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /**
   * Writes the report. A file is written beside its destination and renamed into place, so a reader never
   * sees half a report.
   */
  void write(ScanResult result, ReportFormat fmt, PrintWriter out) {
    try {
      if (output == null) {
        out.flush();
        OutputStream stdout = new java.io.FilterOutputStream(System.out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        };
        fmt.write(result, stdout);
        stdout.flush();
        return;
      }
      Path target = output.toAbsolutePath();
      Path dir = target.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new DrydockException("cannot write " + output + ": directory " + dir + " does not exist");
      }
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream os = Files.newOutputStream(tmp)) {
          fmt.write(result, os);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new DrydockException("cannot write " + (output == null ? "standard output" : output) + ": " + e.getMessage(), e);
    }
  }
}
