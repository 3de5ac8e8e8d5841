package dev.drydock.cli;

import dev.drydock.engine.FindingFilter;
import dev.drydock.engine.Scanners;
import dev.drydock.engine.VulnerabilityScan;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock scan}: inventory, known vulnerabilities, misconfigurations and secrets of one target. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Scan a container image or directory: inventory, known vulnerabilities, misconfigurations and"
        + " secrets.")
final class ScanCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin TargetOptions target;
  @Mixin OutputOptions output;
  @Mixin ListPackagesOption listing;
  @Mixin CommonOptions common;
  @Mixin VulnOptions vulns;
  @Mixin GateOptions gate;
  @Mixin ConfigCheckOptions checks;

  @Option(names = "--no-secrets", description = "Do not look for secrets in layers and the image config (the"
      + " secret scanner): same as leaving secret out of --scanners.")
  boolean noSecrets;

  @Option(names = "--secret-rules", paramLabel = "FILE", description = "Secret rules for layers and the image"
      + " config: a drydock rules file (TOML or YAML) or a gitleaks .gitleaks.toml, as secrets --rules"
      + " (docs/secrets.md). Only the secret scanner re-reads cached layers for other rules.")
  java.nio.file.Path secretRules;

  @Option(names = "--gate", description = "Gate the result in the same run: with the built-in baseline, or"
      + " --baseline FILE; the gate decides the exit code.")
  boolean gateOn;

  @Override
  public Integer call() {
    Instant now = Instant.now();
    ReportFormat fmt = output.reportFormat(listing.listPackages); // reject a bad --format before scanning
    Scanners on = vulns.scanners(noSecrets, checks.noConfigChecks);
    VulnerabilityScan.Options options = vulns.options(); // and bad filters, ignore files, VEX
    FindingFilter.Options filter = vulns.filter(on);
    var imageChecks = checks.imageOptions(on); // and missing Dockerfiles, bad labels
    ScanResult inventory = target.scan(common, on.secret(), secretRules);
    ScanResult matched = on.vuln() ? VulnerabilityScan.match(inventory, common.cacheDir(), options, now,
        vulns.maxDataAge()) : inventory;
    ScanResult result = FindingFilter.apply(checks.apply(matched, imageChecks, on), filter, now);
    output.write(result, fmt, spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(Summary.of(result));
    }
    if (gate.baseline != null || gateOn) {
      // gate in one step: the baseline decides the exit code
      var previous = gate.previous == null ? null : dev.drydock.report.json.Json.read(gate.previous);
      var report = dev.drydock.engine.GateRun.run(java.util.List.of(result), gate.baseline, gate.tier, gate.exposure,
          previous, now, vulns.maxDataAgeDays);
      spec.commandLine().getErr().println(GateCommand.summary(report));
      return report.result().exitCode(gate.failOnWarn);
    }
    // fail closed: packages no advisory data covered are not "no vulnerabilities" (unless --allow-missing-data)
    if (on.vuln() && vulns.failsOnMissingData(result)) {
      return vulns.exitCode;
    }
    return FindingFilter.exitCode(result, vulns.exitCode);
  }
}
