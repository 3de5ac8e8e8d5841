package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.engine.GateVerdict;
import dev.drydock.model.InputFiles;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock gate}: one pass/fail decision over saved results of any kind. */
@Command(name = "gate", mixinStandardHelpOptions = true,
    description = "Decide whether a release may ship: apply a baseline (must-pass / may-fail rules, tiers, exposure,"
        + " waivers, score, drift ratchets) to saved results. Exit 0 pass, 1 a must-pass rule failed, 3 only"
        + " may-fail rules failed (with --fail-on-warn), 2 bad input.")
final class GateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin GateOptions gate;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json, junit, sarif, markdown or html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--max-data-age-days", paramLabel = "DAYS",
      description = "Advisory data this many days old or older fails rule DD-DATA-002 (replaces its older-than-days;"
          + " the built-in baseline's is 7).")
  Integer maxDataAgeDays;

  @Parameters(paramLabel = "RESULT.json", arity = "1..*", description = "Results written by 'drydock scan -f json'.")
  List<Path> results;

  @Override
  public Integer call() {
    GateVerdict.checkFormat(format);
    // a FIFO would block the read forever, /dev/zero never ends: refused before anything is opened
    results.forEach(r -> InputFiles.requireRegularFile(r, "result"));
    if (gate.previous != null) {
      InputFiles.requireRegularFile(gate.previous, "previous result");
    }
    List<ScanResult> loaded = results.stream().map(Json::read).toList();
    ScanResult previous = gate.previous == null ? null : Json.read(gate.previous);
    GateVerdict verdict;
    try (Drydock drydock = common.engine()) {
      verdict = drydock.gate(loaded, gate.policy(), previous, maxDataAgeDays);
    }
    Outputs.write(output, out -> verdict.render(format, out), spec.commandLine().getOut());
    if (!common.quiet) {
      spec.commandLine().getErr().println(verdict.summary());
    }
    return verdict.exitCode(gate.failOnWarn);
  }
}
