package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Baseline options shared by {@code gate} and {@code scan --baseline}. */
final class GateOptions {
  @Option(names = "--baseline", paramLabel = "FILE",
      description = "drydock-baseline.yaml (docs/baseline.md); default: the built-in baseline.")
  Path baseline;

  @Option(names = "--tier", paramLabel = "TIER", description = "Business criticality tier, e.g. BC1 .. BC5.")
  String tier;

  @Option(names = "--exposure", paramLabel = "EXPOSURE", description = "internet or internal.")
  String exposure;

  @Option(names = "--previous", paramLabel = "RESULT.json",
      description = "The previous release's result: drift ratchets (ratchet.* rules) compare against it.")
  Path previous;

  @Option(names = "--fail-on-warn", description = "Exit 3 when only may-fail rules failed.")
  boolean failOnWarn;

  Drydock.GatePolicy policy() {
    return new Drydock.GatePolicy(baseline, tier, exposure, failOnWarn);
  }
}
