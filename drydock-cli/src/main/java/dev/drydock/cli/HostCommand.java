package dev.drydock.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drydock.checks.host.ControlResult;
import dev.drydock.checks.host.HostAudit;
import dev.drydock.checks.host.HostReport;
import dev.drydock.checks.host.Status;
import dev.drydock.engine.HostPackages;
import dev.drydock.engine.Version;
import dev.drydock.engine.VulnerabilityScan;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.Reports;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drydock host}: audits a Docker host against CIS Docker Benchmark v1.6.0 sections 1-3 from its files,
 * and matches its Docker packages for "is Docker current" (docs/host-audit.md). Exit code 0 when no control
 * fails, 1 when one does, 2 for bad input (a root that is not a directory).
 */
@Command(name = "host", mixinStandardHelpOptions = true,
    description = "Audit a Docker host (CIS Docker Benchmark v1.6.0 sections 1-3) from its files. Exit code 0:"
        + " no control failed; 1: a control failed; 2: bad input.")
final class HostCommand implements Callable<Integer> {
  /** Exit code when a control fails. */
  static final int FAILED = 1;

  private static final List<String> FORMATS = List.of("table", "json", "sarif");

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
    if (!FORMATS.contains(format)) {
      throw new DrydockException("unknown format '" + format + "' for drydock host (expected table, json or sarif)");
    }
    if (!Files.isDirectory(root)) {
      throw new DrydockException(root + ": not a directory (expected the root of a Docker host, e.g. /)");
    }
    long started = System.nanoTime();
    Instant now = Instant.now();
    HostPackages.Result packages = HostPackages.check(root, common.cacheDir(),
        new VulnerabilityScan.Options(advisories, null, false, null, null, false), now);
    HostReport report = HostAudit.run(root, packages.upToDate());
    ScanResult result = report.toScanResult(Version.current(), now.truncatedTo(ChronoUnit.SECONDS).toString(),
        packages.os(), packages.packages(), packages.vulnerabilities(), packages.warnings(),
        (System.nanoTime() - started) / 1_000_000);
    PrintWriter err = spec.commandLine().getErr();
    for (String e : report.errors()) {
      err.println("drydock: " + e);
    }
    Outputs.write(output, os -> {
      if (format.equals("json")) {
        json(report, result, os);
      } else if (format.equals("sarif")) {
        Reports.byName("sarif").write(result, os);
      } else {
        table(report, os);
      }
    }, spec.commandLine().getOut());
    if (!common.quiet) {
      err.println("drydock: host " + root + ": " + summary(report));
    }
    return report.failed() ? FAILED : ExitCodes.OK;
  }

  static String summary(HostReport report) {
    return report.counts().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
        + " (" + report.benchmark() + ")";
  }

  /** One row per control: id, status, title, evidence. */
  static void table(HostReport report, OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(report.benchmark()).append(", sections 1-3: host ").append(report.root()).append("\n\n");
    sb.append(String.format("%-7s %-14s %s%n", "ID", "STATUS", "TITLE / EVIDENCE"));
    for (ControlResult c : report.controls()) {
      sb.append(String.format("%-7s %-14s %s%n", c.id(), c.status(), c.title()));
      sb.append(String.format("%-7s %-14s   %s%n", "", "", c.evidence()));
    }
    sb.append('\n').append(summary(report)).append('\n');
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /**
   * drydock's JSON result (what {@code drydock gate} and {@code convert} read: failures are its
   * misconfigurations) with one more top-level field, {@code host}: the benchmark, every control with its
   * status and evidence, and the errors. Readers of the result ignore the field.
   */
  static void json(HostReport report, ScanResult result, OutputStream out) throws IOException {
    ObjectNode doc = Json.mapper().valueToTree(result);
    ObjectNode host = doc.putObject("host");
    host.put("benchmark", report.benchmark());
    host.put("root", report.root());
    ObjectNode counts = host.putObject("counts");
    for (Map.Entry<Status, Integer> e : report.counts().entrySet()) {
      counts.put(e.getKey().name(), e.getValue());
    }
    ArrayNode controls = host.putArray("controls");
    for (ControlResult c : report.controls()) {
      ObjectNode n = controls.addObject();
      n.put("id", c.id());
      n.put("title", c.title());
      n.put("status", c.status().name());
      n.put("evidence", c.evidence());
      if (c.file() != null) {
        n.put("file", c.file());
      }
      if (c.line() > 0) {
        n.put("line", c.line());
      }
      if (c.status() == Status.FAIL) {
        n.put("severity", c.severity().name());
        n.put("remediation", c.remediation());
      }
    }
    ArrayNode errors = host.putArray("errors");
    report.errors().forEach(errors::add);
    Json.mapper().writeValue(out, doc);
    out.write("\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
