package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The target of a scan and how to open it. */
final class TargetOptions {
  @Parameters(index = "0", paramLabel = "TARGET",
      description = "docker-archive tar (plain or gzip), OCI layout directory or tar, root filesystem or source directory.")
  Path target;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to pick from a multi-platform image.")
  String platform;

  @Option(names = "--max-entry-size", paramLabel = "BYTES", description = "Largest tar entry accepted (default: ${DEFAULT-VALUE}).",
      defaultValue = "8589934592")
  long maxEntrySize;

  @Option(names = "--max-expansion-ratio", paramLabel = "RATIO",
      description = "Largest decompression ratio accepted for a layer (default: ${DEFAULT-VALUE}).", defaultValue = "200")
  double maxRatio;

  Drydock.TargetRequest request() {
    return request(null);
  }

  /** @param secretRules the secret analyzer's rule file ({@code scan --secret-rules}), null for the built-in rules */
  Drydock.TargetRequest request(Path secretRules) {
    return new Drydock.TargetRequest(target, platform, maxEntrySize, maxRatio, secretRules);
  }
}
