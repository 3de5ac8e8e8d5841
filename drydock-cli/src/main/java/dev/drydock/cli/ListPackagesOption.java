package dev.drydock.cli;

import picocli.CommandLine.Option;

/** {@code --list-packages}: the table report lists the packages (as Trivy's {@code --list-all-pkgs}). */
final class ListPackagesOption {
  @Option(names = "--list-packages",
      description = "List the packages in the table report too (JSON, CycloneDX and SPDX always hold them).")
  boolean listPackages;
}
