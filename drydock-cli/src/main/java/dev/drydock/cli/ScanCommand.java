package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.ScanResult;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.json.Json;
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
  @Mixin TimeoutOption timeout;

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

  @Option(names = "--verify-key", paramLabel = "FILE", description = "Verify the image's cosign signature against"
      + " this public key (PEM; repeat for several: one must have signed). The outcome is recorded in the result"
      + " for the gate (rule DD-SIG-001); an image not signed by one of the keys fails (exit 1). docs/signing.md")
  java.util.List<java.nio.file.Path> verifyKeys = new java.util.ArrayList<>();

  @Option(names = "--verify-annotation", paramLabel = "K=V", description = "With --verify-key: the signature's"
      + " payload must carry this annotation (repeatable).")
  java.util.List<String> verifyAnnotations = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat(listing.listPackages); // reject a bad --format before scanning
    Drydock.FindingOptions findings = vulns.request(noSecrets, checks);
    dev.drydock.engine.Cancellation cancellation = common.cancellation();
    timeout.start(cancellation);
    try (Drydock drydock = common.cancellableEngine(cancellation)) {
      Drydock.TargetRequest request = target.request(secretRules, common);
      ScanResult result;
      try {
        result = drydock.scan(request, findings);
      } catch (dev.drydock.engine.Cancellation.Cancelled e) {
        timeout.check(cancellation, target.target, e);
        throw e;
      }
      timeout.check(cancellation, target.target, null); // matching is not cancellable: a late scan writes nothing
      if (!verifyKeys.isEmpty()) {
        result = drydock.withSignature(result, target.target, verifyKeys, verifyAnnotations, request.registry());
        spec.commandLine().getErr().println(VerifyCommand.line(result.signature(), target.target.toString()));
      } else if (!verifyAnnotations.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--verify-annotation needs --verify-key");
      }
      output.write(result, fmt, spec.commandLine().getOut());
      if (!common.quiet) {
        spec.commandLine().getErr().println(Summary.of(result));
      }
      // gate in one step (--gate, --baseline): the baseline decides the exit code; else --exit-code, failing closed
      boolean gated = gate.baseline != null || gateOn;
      ScanResult previous = gated && gate.previous != null ? Json.read(gate.previous) : null;
      Drydock.Verdict verdict = drydock.verdict(result, findings, vulns.exitPolicy(), gated ? gate.policy() : null,
          previous);
      if (verdict.gate() != null) {
        spec.commandLine().getErr().println(verdict.gate().summary());
      }
      return verdict.exitCode();
    }
  }
}
