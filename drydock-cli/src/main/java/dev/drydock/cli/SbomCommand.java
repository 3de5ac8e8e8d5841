package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code drydock sbom}: the software bill of materials of one target. */
@Command(name = "sbom", mixinStandardHelpOptions = true,
    description = "Write the software bill of materials of an image or directory (table, json, cyclonedx, spdx).")
final class SbomCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.Mixin TargetOptions target;
  @picocli.CommandLine.Mixin OutputOptions output;
  @picocli.CommandLine.Mixin CommonOptions common;
  @picocli.CommandLine.Mixin TimeoutOption timeout;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(true); // an SBOM's table is its package list
    ScanResult result;
    dev.drydock.engine.Cancellation cancellation = common.cancellation();
    timeout.start(cancellation);
    try (Drydock drydock = common.cancellableEngine(cancellation)) {
      result = drydock.sbom(target.request(common));
    } catch (dev.drydock.engine.Cancellation.Cancelled e) {
      timeout.check(cancellation, target.target, e);
      throw e;
    }
    timeout.check(cancellation, target.target, null);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result));
    }
    return ExitCodes.OK;
  }
}
