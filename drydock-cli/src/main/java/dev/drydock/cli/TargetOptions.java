package dev.drydock.cli;

import dev.drydock.engine.ScanOptions;
import dev.drydock.engine.Scanner;
import dev.drydock.image.Limits;
import dev.drydock.model.ScanResult;
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

  ScanResult scan(CommonOptions common) {
    return scan(common, true);
  }

  /** {@code secrets}: with the secret analyzer (layers and image config). */
  ScanResult scan(CommonOptions common, boolean secrets) {
    return scan(common, secrets, null);
  }

  /** @param secretRules the secret analyzer's rule file ({@code scan --secret-rules}), null for the built-in rules */
  ScanResult scan(CommonOptions common, boolean secrets, Path secretRules) {
    Limits d = Limits.DEFAULT;
    Limits limits = new Limits(maxEntrySize, d.maxLayerSize(), maxRatio, d.ratioGraceBytes());
    return Scanner.withSecrets(secrets).scan(target, new ScanOptions(common.cacheDir(), platform, limits, 0,
        secretRules, common.listener(), common.cancellation()));
  }
}
