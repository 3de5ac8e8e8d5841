package dev.drydock.cli;

import dev.drydock.engine.VulnerabilityScan;
import dev.drydock.vulndb.suppress.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the vulnerability part of {@code scan} and {@code rescan}. */
final class VulnOptions {
  static final String DEFAULT_IGNORE_FILE = ".drydockignore.yaml";

  @Option(names = "--advisories", paramLabel = "PATH",
      description = "Match against these advisory files or directories (OSV JSON/YAML/zip, Debian tracker JSON,"
          + " Alpine secdb, CISA KEV, EPSS CSV) instead of the store in the cache directory. Repeatable.")
  List<Path> advisories = new ArrayList<>();

  @Option(names = "--severity", paramLabel = "LIST",
      description = "Report only these severities, e.g. HIGH,CRITICAL (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL).")
  String severity;

  @Option(names = "--ignore-unfixed", description = "Drop vulnerabilities that have no fix yet.")
  boolean ignoreUnfixed;

  @Option(names = "--exit-code", paramLabel = "N", defaultValue = "0",
      description = "Exit with N when vulnerabilities remain after filtering, or when a package family had no"
          + " advisory data (not checked; see --allow-missing-data) (default: ${DEFAULT-VALUE}).")
  int exitCode;

  @Option(names = "--allow-missing-data",
      description = "With --exit-code: do not fail on package families no advisory data covered (they are still"
          + " reported as not checked).")
  boolean allowMissingData;

  @Option(names = "--max-data-age-days", paramLabel = "DAYS",
      description = "Warn about advisory data this many days old or older (default: "
          + VulnerabilityScan.DEFAULT_MAX_DATA_AGE_DAYS + "); with --baseline, also the limit of rule DD-DATA-002.")
  Integer maxDataAgeDays;

  @Option(names = "--ignorefile", paramLabel = "FILE",
      description = "Ignore file (default: " + DEFAULT_IGNORE_FILE + " in the current directory, if present).")
  Path ignoreFile;

  @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX or CycloneDX VEX document. Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = "--show-suppressed", description = "List findings suppressed by the ignore file or VEX.")
  boolean showSuppressed;

  @Option(names = "--offline",
      description = "Never touch the network. drydock scans never download; this states it for CI logs.")
  boolean offline;

  /** The data age limit: the option, else the default. */
  int maxDataAge() {
    if (maxDataAgeDays != null && maxDataAgeDays < 1) {
      throw new dev.drydock.model.DrydockException("--max-data-age-days must be at least 1, not " + maxDataAgeDays);
    }
    return maxDataAgeDays == null ? VulnerabilityScan.DEFAULT_MAX_DATA_AGE_DAYS : maxDataAgeDays;
  }

  /**
   * Whether {@code --exit-code} fails on missing data: a family of packages no advisory data covered is not a
   * pass (drydock fails closed) unless {@code --allow-missing-data} was given.
   */
  boolean failsOnMissingData(dev.drydock.model.ScanResult result) {
    return exitCode != 0 && !allowMissingData && !result.notChecked().isEmpty();
  }

  VulnerabilityScan.Options options() {
    List<Path> ignores = new ArrayList<>();
    if (ignoreFile != null) {
      ignores.add(ignoreFile);
    } else if (Files.isRegularFile(Path.of(DEFAULT_IGNORE_FILE))) {
      ignores.add(Path.of(DEFAULT_IGNORE_FILE));
    }
    return new VulnerabilityScan.Options(advisories, severity == null ? null : Filters.severities(severity),
        ignoreUnfixed, ignores, vex, showSuppressed);
  }
}
