package dev.drydock.cli;

import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code drydock scan}: inventory (and, as they land, vulnerabilities and checks) of one target. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan a container image or directory and report what is inside it.")
final class ScanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.Mixin TargetOptions target;
  @picocli.CommandLine.Mixin OutputOptions output;
  @picocli.CommandLine.Mixin CommonOptions common;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(); // reject a bad --format before scanning
    ScanResult result = target.scan(common);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result));
    }
    return ExitCodes.OK;
  }
}
