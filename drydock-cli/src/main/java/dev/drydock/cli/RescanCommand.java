package dev.drydock.cli;

import dev.drydock.engine.FindingFilter;
import dev.drydock.engine.Inventories;
import dev.drydock.engine.Scanners;
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
  @Mixin ListPackagesOption listing;
  @Mixin CommonOptions common;
  @Mixin VulnOptions vulns;
  @Mixin ConfigCheckOptions checks;

  @Parameters(index = "0", paramLabel = "TARGET", description = "The target as it was given to 'drydock scan'.")
  Path target;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    ReportFormat fmt = output.reportFormat(listing.listPackages);
    Scanners on = vulns.scanners(false, checks.noConfigChecks);
    VulnerabilityScan.Options options = vulns.options();
    FindingFilter.Options filter = vulns.filter(on);
    ScanResult inventory = Inventories.load(common.cacheDir(), target).orElseThrow(() -> new DrydockException(
        "no stored inventory for " + target + " in " + common.cacheDir() + ": scan it first with 'drydock scan'"));
    var imageChecks = checks.imageOptions(on);
    ScanResult matched = on.vuln() ? VulnerabilityScan.match(inventory, common.cacheDir(), options, now,
        vulns.maxDataAge()) : inventory;
    ScanResult result = FindingFilter.apply(checks.apply(matched, imageChecks, on), filter, now);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result) + " (stored inventory, image not read)");
    }
    // fail closed: packages no advisory data covered are not "no vulnerabilities" (unless --allow-missing-data)
    if (on.vuln() && vulns.failsOnMissingData(result)) {
      return vulns.exitCode;
    }
    return FindingFilter.exitCode(result, vulns.exitCode);
  }
}
