package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.engine.HostAudit;
import dev.drydock.model.HostReport;
import dev.drydock.report.host.HostReports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drydock host}: audits a Docker host against CIS Docker Benchmark v1.6.0 sections 1-3 from its files,
 * and matches its Docker packages for "is Docker current" (docs/host-audit.md). Exit code 0 when no control
 * fails, 1 when one does, 2 for bad input (a root that is not a directory). The audit is the engine's
 * {@link HostAudit}; the formats are drydock-report's {@link HostReports}.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
    description = "Audit a Docker host (CIS Docker Benchmark v1.6.0 sections 1-3) from its files. Exit code 0:"
        + " no control failed; 1: a control failed; 2: bad input.")
final class HostCommand implements Callable<Integer> {
  /** Exit code when a control fails. */
  static final int FAILED = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "/",
      description = "Root directory of the host to audit (default: ${DEFAULT-VALUE}); only files below it are read.")
  Path root;

  @Option(names = "--advisories", paramLabel = "PATH",
      description = "Match the host's Docker packages against these advisory files or directories instead of the"
          + " store in the cache directory. Repeatable.")
  List<Path> advisories = new ArrayList<>();

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table, json or sarif (the failed controls) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    HostReports.check(format);
    HostAudit.Audit audit;
    try (Drydock drydock = common.engine()) {
      audit = drydock.host(root, advisories);
    }
    HostReport report = audit.report();
    PrintWriter err = spec.commandLine().getErr();
    for (String e : report.errors()) {
      err.println("drydock: " + e);
    }
    Outputs.write(output, os -> HostReports.write(format, report, audit.result(), os), spec.commandLine().getOut());
    if (!common.quiet) {
      err.println("drydock: host " + root + ": " + HostReports.summary(report));
    }
    return report.failed() ? FAILED : ExitCodes.OK;
  }
}
