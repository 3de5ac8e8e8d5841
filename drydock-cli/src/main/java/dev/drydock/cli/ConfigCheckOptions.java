package dev.drydock.cli;

import dev.drydock.checks.ConfigChecker;
import dev.drydock.checks.ConfigCheckers;
import dev.drydock.checks.ConfigScan;
import dev.drydock.checks.image.ImageCheckOptions;
import dev.drydock.checks.image.ImageChecks;
import dev.drydock.engine.Scanners;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /** Validates the options before anything is scanned. */
  ImageCheckOptions imageOptions(Scanners on) {
    if (!on.misconfig() && !dockerfiles.isEmpty()) {
      throw new DrydockException("--dockerfile needs the misconfig scanner (it is off: --scanners " + on.names()
          + (noConfigChecks ? ", --no-config-checks" : "") + ")");
    }
    for (Path f : dockerfiles) {
      if (!Files.exists(f)) {
        throw new DrydockException(f + ": no such Dockerfile");
      }
      InputFiles.requireRegularFile(f, "Dockerfile"); // a FIFO or /dev/zero: refused at once
    }
    return new ImageCheckOptions(productionLabels, production);
  }

  /**
   * {@code result} with the image checks (image targets) and the Dockerfile checks added to what it already
   * holds, when the misconfig scanner is on; secrets and earlier findings are kept.
   */
  ScanResult apply(ScanResult result, ImageCheckOptions options, Scanners on) {
    if (!on.misconfig()) {
      return result;
    }
    List<Misconfiguration> found = new ArrayList<>();
    List<String> families = new ArrayList<>();
    if (result.config() != null) {
      found.addAll(ImageChecks.check(result, options));
      families.add(ImageChecks.FAMILY);
    }
    if (!dockerfiles.isEmpty()) {
      ConfigChecker checker = ConfigCheckers.all().stream().filter(c -> c.family().equals("dockerfile"))
          .findFirst().orElseThrow();
      for (Path f : dockerfiles) {
        found.addAll(checker.check(f.toString(), read(f)));
      }
      families.add(checker.family());
    }
    return merge(result, found, families);
  }

  /** {@code result} with {@code more} findings and {@code families} added (nothing it had is dropped). */
  static ScanResult merge(ScanResult result, List<Misconfiguration> more, List<String> families) {
    if (more.isEmpty() && families.isEmpty()) {
      return result;
    }
    List<Misconfiguration> all = new ArrayList<>(result.misconfigurations());
    all.addAll(more);
    Set<String> ran = new LinkedHashSet<>(result.checksRun());
    ran.addAll(families);
    return result.withFindings(all, result.secrets(), List.copyOf(ran));
  }

  private static String read(Path f) {
    return InputFiles.readText(f, "Dockerfile", ConfigScan.Options.defaults().maxFileSize());
  }
}
