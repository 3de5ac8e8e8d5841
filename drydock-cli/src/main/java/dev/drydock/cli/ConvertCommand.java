package dev.drydock.cli;

import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.json.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock convert}: re-render a saved JSON result in another format, without scanning again. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Render a saved drydock JSON result (scan --format json) in another format, without rescanning.")
final class ConvertCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin CommonOptions common;
  @Mixin ListPackagesOption listing;

  @Parameters(index = "0", paramLabel = "RESULT.json", description = "A result written by 'drydock scan -f json'.")
  Path result;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(listing.listPackages);
    ScanResult r = Json.read(result);
    output.write(r, fmt, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
