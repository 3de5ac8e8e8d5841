package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The target of a scan and how to open it. */
final class TargetOptions {
  @Parameters(index = "0", paramLabel = "TARGET",
      description = "docker-archive tar (plain or gzip), OCI layout directory or tar, root filesystem or source"
          + " directory, or an image reference (nginx:1.25, host:5000/a/b@sha256:...); schemes force one:"
          + " registry:REF, docker-archive:PATH, oci-archive:PATH, oci-dir:PATH, dir:PATH (docs/registries.md).")
  String target;

  @picocli.CommandLine.Mixin RegistryCliOptions registry;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Platform to pick from a multi-platform image.")
  String platform;

  @Option(names = "--max-entry-size", paramLabel = "BYTES", description = "Largest tar entry accepted (default: ${DEFAULT-VALUE}).",
      defaultValue = "8589934592")
  long maxEntrySize;

  @Option(names = "--max-expansion-ratio", paramLabel = "RATIO",
      description = "Largest decompression ratio accepted for a layer (default: ${DEFAULT-VALUE}).", defaultValue = "200")
  double maxRatio;

  Drydock.TargetRequest request(CommonOptions common) {
    return request(null, common);
  }

  /**
   * @param secretRules the secret analyzer's rule file ({@code scan --secret-rules}), null for the built-in rules
   * @param common for --debug (registry requests are then shown, never a credential)
   */
  Drydock.TargetRequest request(Path secretRules, CommonOptions common) {
    return Drydock.TargetRequest.parse(target, platform, maxEntrySize, maxRatio, secretRules,
        registry.access(common.debug, common.err()));
  }
}
