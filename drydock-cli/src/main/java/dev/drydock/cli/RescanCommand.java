package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
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
  String target;

  @picocli.CommandLine.Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-platform registry image (as it was scanned).")
  String platform;

  @Mixin RegistryCliOptions registry;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(listing.listPackages);
    Drydock.FindingOptions findings = vulns.request(false, checks);
    try (Drydock drydock = common.engine()) {
      ScanResult result = drydock.rescan(Drydock.TargetRequest.parseForRescan(target, platform,
          registry.access(common.debug, common.err())), findings);
      output.write(result, fmt, spec.commandLine().getOut());
      if (!common.quiet) {
        spec.commandLine().getErr().println(Summary.of(result) + " (stored inventory, image not read)");
      }
      return drydock.verdict(result, findings, vulns.exitPolicy(), null, null).exitCode();
    }
  }
}
