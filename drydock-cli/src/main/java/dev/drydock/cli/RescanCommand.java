package dev.drydock.cli;

import dev.drydock.engine.Inventories;
import dev.drydock.engine.VulnerabilityScan;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock rescan}: match a stored inventory again, without reading the image. */
@Command(name = "rescan", mixinStandardHelpOptions = true,
    description = "Match the stored inventory of a scanned image against the current vulnerability store,"
        + " without opening the image (it may even be gone).")
final class RescanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin CommonOptions common;
  @Mixin VulnOptions vulns;
  @Mixin ConfigCheckOptions checks;

  @Parameters(index = "0", paramLabel = "TARGET", description = "The target as it was given to 'drydock scan'.")
  Path target;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat();
    VulnerabilityScan.Options options = vulns.options();
    ScanResult inventory = Inventories.load(common.cacheDir(), target).orElseThrow(() -> new DrydockException(
        "no stored inventory for " + target + " in " + common.cacheDir() + ": scan it first with 'drydock scan'"));
    var imageChecks = checks.imageOptions();
    ScanResult result = checks.apply(VulnerabilityScan.match(inventory, common.cacheDir(), options, Instant.now(),
        vulns.maxDataAge()), imageChecks);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result) + " (stored inventory, image not read)");
    }
    // fail closed: packages no advisory data covered are not "no vulnerabilities" (unless --allow-missing-data)
    if (vulns.failsOnMissingData(result)) {
      return vulns.exitCode;
    }
    return result.vulnerabilities().isEmpty() ? ExitCodes.OK : vulns.exitCode;
  }
}
