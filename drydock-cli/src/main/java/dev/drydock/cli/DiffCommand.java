package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.ScanResult;
import dev.drydock.report.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock diff OLD NEW}: what changed between two releases. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Drift between two images or two saved JSON results: packages added, removed, up- and"
        + " downgraded; vulnerabilities introduced and fixed; user, ports, env keys, entrypoint/cmd, healthcheck,"
        + " labels; setuid/setgid files added; size per layer.")
final class DiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "OLD", description = "Image or saved result (scan -f json) of the previous release.")
  Path old;

  @Parameters(index = "1", paramLabel = "NEW", description = "Image or saved result of the new release.")
  Path current;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, json or markdown (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path output;

  @Option(names = "--advisories", paramLabel = "PATH",
      description = "Match images against these advisories instead of the store (see scan --advisories).")
  java.util.List<Path> advisories = new java.util.ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (!format.equals("table") && !format.equals("json") && !format.equals("markdown")) {
      throw new DrydockException("unknown format '" + format + "' (expected one of: table, json, markdown)");
    }
    Drydock.DiffOutcome report;
    try (Drydock drydock = common.engine()) {
      report = drydock.diff(load(drydock, old), load(drydock, current));
    }
    byte[] bytes = switch (format) {
      case "json" -> Json.mapper().writeValueAsBytes(report.document());
      case "markdown" -> report.markdown().getBytes(StandardCharsets.UTF_8);
      default -> report.table().getBytes(StandardCharsets.UTF_8);
    };
    Outputs.write(output, out -> out.write(bytes), spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** A saved JSON result as it is, or an image scanned (inventory from the cache when it can) and matched. */
  private ScanResult load(Drydock drydock, Path p) throws IOException {
    if (Files.exists(p) && !Files.isDirectory(p)) {
      // a FIFO would block, a device never ends: neither is an image archive nor a result
      InputFiles.requireRegularFile(p, "image or result");
    }
    if (Files.isRegularFile(p) && looksLikeJson(p)) {
      return Json.read(p);
    }
    return drydock.scanAndMatch(p, advisories);
  }

  /** Whether the first non-blank byte (within the first {@value #SNIFF_BYTES} bytes) is an opening brace. */
  static boolean looksLikeJson(Path p) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(p)) {
      head = in.readNBytes(SNIFF_BYTES);
    }
    for (byte c : head) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return c == '{';
      }
    }
    return false;
  }

  /** How far {@link #looksLikeJson} looks: a file of blanks is not read to its end. */
  static final int SNIFF_BYTES = 64 * 1024;

}
