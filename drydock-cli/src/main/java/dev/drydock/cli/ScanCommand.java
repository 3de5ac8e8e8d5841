package dev.drydock.cli;

import dev.drydock.engine.VulnerabilityScan;
import dev.drydock.model.ScanResult;
import java.time.Instant;
import dev.drydock.report.ReportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code drydock scan}: inventory (and, as they land, vulnerabilities and checks) of one target. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan a container image or directory: inventory and known vulnerabilities.")
final class ScanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @picocli.CommandLine.Mixin TargetOptions target;
  @picocli.CommandLine.Mixin OutputOptions output;
  @picocli.CommandLine.Mixin CommonOptions common;
  @picocli.CommandLine.Mixin VulnOptions vulns;
  @picocli.CommandLine.Mixin GateOptions gate;
  @picocli.CommandLine.Mixin ConfigCheckOptions checks;

  @picocli.CommandLine.Option(names = "--no-secrets", description = "Do not look for secrets in layers and the "
      + "image config (on by default).")
  boolean noSecrets;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(); // reject a bad --format before scanning
    VulnerabilityScan.Options options = vulns.options(); // and bad filters, ignore files, VEX
    var imageChecks = checks.imageOptions(); // and missing Dockerfiles, bad labels
    ScanResult inventory = target.scan(common, !noSecrets);
    ScanResult result = checks.apply(VulnerabilityScan.match(inventory, common.cacheDir(), options, Instant.now(),
        vulns.maxDataAge()), imageChecks);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result));
    }
    if (gate.baseline != null) {
      // gate in one step: the baseline decides the exit code
      var previous = gate.previous == null ? null : dev.drydock.report.json.Json.read(gate.previous);
      var report = dev.drydock.engine.GateRun.run(java.util.List.of(result), gate.baseline, gate.tier, gate.exposure,
          previous, Instant.now(), vulns.maxDataAgeDays);
      spec.commandLine().getErr().println(GateCommand.summary(report));
      return report.result().exitCode(gate.failOnWarn);
    }
    // fail closed: packages no advisory data covered are not "no vulnerabilities" (unless --allow-missing-data)
    if (vulns.failsOnMissingData(result)) {
      return vulns.exitCode;
    }
    return result.vulnerabilities().isEmpty() ? ExitCodes.OK : vulns.exitCode;
  }
}
