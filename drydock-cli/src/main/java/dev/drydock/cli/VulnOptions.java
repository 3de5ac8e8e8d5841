package dev.drydock.cli;

import dev.drydock.engine.Drydock;
import dev.drydock.engine.VulnerabilityScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What {@code scan} and {@code rescan} look for and report: the scanners, the advisories, and the filters and
 * exit code, which apply to every finding kind (vulnerabilities, misconfigurations, secrets) as Trivy's do.
 */
final class VulnOptions {
  static final String DEFAULT_IGNORE_FILE = ".drydockignore.yaml";

  @Option(names = "--scanners", paramLabel = "LIST", defaultValue = "vuln,misconfig,secret",
      description = "Scanners to run and report: vuln, misconfig, secret (default: ${DEFAULT-VALUE}).")
  String scanners;

  @Option(names = "--advisories", paramLabel = "PATH",
      description = "Match against these advisory files or directories (OSV JSON/YAML/zip, Debian tracker JSON,"
          + " Alpine secdb, CISA KEV, EPSS CSV) instead of the store in the cache directory. Repeatable.")
  List<Path> advisories = new ArrayList<>();

  @Option(names = "--severity", paramLabel = "LIST",
      description = "Report only findings of these severities, e.g. HIGH,CRITICAL (UNKNOWN, LOW, MEDIUM, HIGH,"
          + " CRITICAL): vulnerabilities, misconfigurations and secrets.")
  String severity;

  @Option(names = "--ignore-unfixed", description = "Drop vulnerabilities that have no fix yet.")
  boolean ignoreUnfixed;

  @Option(names = "--exit-code", paramLabel = "N", defaultValue = "0",
      description = "Exit with N when findings of the selected scanners remain after --severity, --ignore-unfixed,"
          + " the ignore file and VEX, or when a package family had no advisory data (not checked; see"
          + " --allow-missing-data) (default: ${DEFAULT-VALUE}).")
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
      description = "Ignore file with vulnerabilities, misconfigurations and secrets lists (default: "
          + DEFAULT_IGNORE_FILE + " in the current directory, if present).")
  Path ignoreFile;

  @Option(names = "--vex", paramLabel = "FILE",
      description = "OpenVEX or CycloneDX VEX document (vulnerabilities). Repeatable.")
  List<Path> vex = new ArrayList<>();

  @Option(names = "--show-suppressed",
      description = "List findings suppressed by the ignore file or VEX, with why, in every format.")
  boolean showSuppressed;

  @Option(names = "--offline",
      description = "Never touch the network. drydock scans never download; this states it for CI logs.")
  boolean offline;

  /** The scanners, advisories and filters as the engine's request; {@code checks} adds the config checks. */
  Drydock.FindingOptions request(boolean noSecrets, ConfigCheckOptions checks) {
    return new Drydock.FindingOptions(scanners, noSecrets, checks.noConfigChecks, advisories, severity,
        ignoreUnfixed, ignoreFiles(), vex, showSuppressed, maxDataAgeDays, checks.dockerfiles,
        checks.productionLabels, checks.production);
  }

  Drydock.ExitPolicy exitPolicy() {
    return new Drydock.ExitPolicy(exitCode, allowMissingData);
  }

  private List<Path> ignoreFiles() {
    List<Path> ignores = new ArrayList<>();
    if (ignoreFile != null) {
      ignores.add(ignoreFile);
    } else if (Files.isRegularFile(Path.of(DEFAULT_IGNORE_FILE))) {
      ignores.add(Path.of(DEFAULT_IGNORE_FILE));
    }
    return ignores;
  }
}
