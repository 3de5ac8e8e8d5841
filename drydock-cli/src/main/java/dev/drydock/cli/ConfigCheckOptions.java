package dev.drydock.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The configuration checks of {@code drydock scan}: image config and filesystem, and {@code --dockerfile}. */
final class ConfigCheckOptions {
  @Option(names = "--dockerfile", paramLabel = "FILE",
      description = "Also check this Dockerfile (the one the image was built from). Repeatable.")
  List<Path> dockerfiles = new ArrayList<>();

  @Option(names = "--no-config-checks",
      description = "Do not run the configuration checks (the misconfig scanner): same as leaving misconfig out"
          + " of --scanners.")
  boolean noConfigChecks;

  @Option(names = "--production-label", paramLabel = "KEY=VALUE",
      description = "A label marking production images, where package managers and shells are findings."
          + " Repeatable (default: environment=production, env=production).")
  List<String> productionLabels;

  @Option(names = "--production", description = "Treat the image as a production image whatever its labels say.")
  boolean production;
}
