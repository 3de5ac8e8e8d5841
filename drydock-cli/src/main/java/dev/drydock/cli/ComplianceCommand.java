package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock compliance}: evidence per control of a framework. */
@Command(name = "compliance", mixinStandardHelpOptions = true,
    description = "Per control of a framework (cis-docker, nist-800-190, mas-trm): pass, fail or not tested, with the"
        + " evidence (finding ids, files, layers) and the date. Mapping and sources: docs/compliance.md.")
final class ComplianceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--framework", paramLabel = "NAME", required = true,
      description = "cis-docker, nist-800-190 or mas-trm.")
  String framework;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Parameters(paramLabel = "RESULT.json", arity = "1..*", description = "Results written by 'drydock scan -f json'.")
  List<Path> results;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("json")) {
      throw new DrydockException("unknown format '" + format + "' (expected one of: table, json)");
    }
    List<ScanResult> loaded = results.stream().map(Json::read).toList();
    Drydock.ComplianceOutcome report;
    try (Drydock drydock = common.engine()) {
      report = drydock.compliance(framework, loaded);
    }
    Outputs.write(output, out -> {
      if (format.equals("json")) {
        Json.mapper().writeValue(out, report.document());
      } else {
        String text = report.table();
        out.write((text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }, spec.commandLine().getOut());
    return ExitCodes.OK;
  }
}
