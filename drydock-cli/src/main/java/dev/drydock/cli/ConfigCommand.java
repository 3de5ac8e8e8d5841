package dev.drydock.cli;

import dev.drydock.checks.ConfigCheckers;
import dev.drydock.checks.ConfigScan;
import dev.drydock.engine.Version;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.ScanStats;
import dev.drydock.model.Severity;
import dev.drydock.model.Target;
import dev.drydock.report.ReportFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
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
    long start = System.nanoTime();
    ConfigScan.Options defaults = ConfigScan.Options.defaults();
    ConfigScan.Outcome o = ConfigScan.scan(paths, ConfigCheckers.all(),
        new ConfigScan.Options(maxFileSize, defaults.threads()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    ScanResult result = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(Version.current())
        .createdAt(Instant.now().toString())
        .target(new Target("config", String.join(" ", paths.stream().map(Path::toString).toList()), null, null, null,
            null))
        .misconfigurations(o.misconfigurations())
        .checksRun(o.families())
        .stats(new ScanStats(0, 0, 0, o.checked(), o.bytesRead(), millis))
        .warnings(o.warnings())
        .build();
    output.write(result, fmt, spec.commandLine().getOut());
    PrintWriter err = spec.commandLine().getErr();
    o.warnings().forEach(err::println);
    boolean nothingChecked = o.checked() == 0 && o.failed() > 0;
    if (!common.quiet && !nothingChecked) { // exit 2: the warning line (one per file) is the error, nothing more
      err.println(String.format("drydock: config: %d file%s checked (%s), %d finding%s, %d not checked in %d ms",
          o.checked(), o.checked() == 1 ? "" : "s", o.families().isEmpty() ? "no checks ran" : String.join(", ",
              o.families()), o.misconfigurations().size(), o.misconfigurations().size() == 1 ? "" : "s", o.failed(),
          millis));
    }
    if (nothingChecked) {
      return ExitCodes.INPUT;
    }
    if (gate.baseline != null) {
      var previous = gate.previous == null ? null
          : dev.drydock.report.json.Json.read(InputFiles.requireRegularFile(gate.previous, "previous result"));
      var report = dev.drydock.engine.GateRun.run(List.of(result), gate.baseline, gate.tier, gate.exposure, previous,
          Instant.now());
      err.println(GateCommand.summary(report));
      return report.result().exitCode(gate.failOnWarn);
    }
    if (threshold == null) {
      return ExitCodes.OK;
    }
    for (Misconfiguration m : o.misconfigurations()) {
      Severity s = m.severity() == null ? Severity.UNKNOWN : m.severity();
      if (s.compareTo(threshold) >= 0 || threshold == Severity.LOW) {
        return ExitCodes.FINDINGS;
      }
    }
    return ExitCodes.OK;
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
