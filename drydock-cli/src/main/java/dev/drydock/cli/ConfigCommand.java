package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.report.ReportFormat;
import dev.drydock.report.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock config}: checks Dockerfiles and the other configuration files under some paths. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Check configuration files (Dockerfiles and every other supported kind) under the given files and"
        + " directories. Exit 0: no finding at or above --fail-on; 1: findings; 2: usage error or nothing could be"
        + " checked. See docs/config-checks.md.")
final class ConfigCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin CommonOptions common;
  @Mixin GateOptions gate;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to check.")
  List<Path> paths;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "low",
      description = "Exit 1 when a finding has at least this severity: low (any finding, the default), medium, high,"
          + " critical, or none (always exit 0 unless nothing could be checked). Ignored with --baseline.")
  String failOn;

  @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "10485760",
      description = "Larger files are not checked (default: ${DEFAULT-VALUE}).")
  long maxFileSize;

  @Override
  public Integer call() {
    ReportFormat fmt = output.reportFormat();
    Severity threshold = threshold(failOn);
    try (Drydock drydock = common.engine()) {
      Drydock.ConfigOutcome o = drydock.config(new Drydock.ConfigRequest(paths, maxFileSize));
      ScanResult result = o.result();
      output.write(result, fmt, spec.commandLine().getOut());
      PrintWriter err = spec.commandLine().getErr();
      o.warnings().forEach(err::println);
      int found = result.misconfigurations().size();
      if (!common.quiet && !o.nothingChecked()) { // exit 2: the warning line (one per file) is the error, nothing more
        err.println(String.format("drydock: config: %d file%s checked (%s), %d finding%s, %d not checked in %d ms",
            o.checked(), o.checked() == 1 ? "" : "s", o.families().isEmpty() ? "no checks ran"
                : String.join(", ", o.families()), found, found == 1 ? "" : "s", o.failed(), o.millis()));
      }
      Drydock.GatePolicy policy = o.nothingChecked() || gate.baseline == null ? null : gate.policy();
      ScanResult previous = policy == null || gate.previous == null ? null
          : Json.read(InputFiles.requireRegularFile(gate.previous, "previous result"));
      Drydock.Verdict verdict = drydock.verdict(o, policy, previous, threshold);
      if (verdict.gate() != null) {
        err.println(verdict.gate().summary());
      }
      return verdict.exitCode();
    }
  }

  /** The --fail-on severity; null for {@code none}. */
  static Severity threshold(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "none" -> null;
      case "low" -> Severity.LOW;
      case "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      case "critical" -> Severity.CRITICAL;
      default -> throw new DrydockException("unknown --fail-on '" + name
          + "' (expected one of: low, medium, high, critical, none)");
    };
  }
}
