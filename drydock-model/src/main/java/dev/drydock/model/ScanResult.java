package dev.drydock.model;

import java.util.List;

/**
 * Everything one scan produced. This is drydock's JSON format (docs/json-format.md); every report
 * format is rendered from it, and {@code drydock convert} re-renders a saved one.
 */
public record ScanResult(
    int schemaVersion,
    String drydockVersion,
    String createdAt,
    Target target,
    OsInfo os,
    ImageConfig config,
    List<LayerInfo> layers,
    List<InstalledPackage> packages,
    List<Fact.FileInfo> notableFiles,
    List<Vulnerability> vulnerabilities,
    List<SuppressedVulnerability> suppressed,
    List<Misconfiguration> misconfigurations,
    List<ExposedSecret> secrets,
    List<String> checksRun,
    ScanStats stats,
    List<String> warnings) {

  public static final int SCHEMA_VERSION = 1;

  public ScanResult {
    layers = layers == null ? List.of() : List.copyOf(layers);
    packages = packages == null ? List.of() : List.copyOf(packages);
    notableFiles = notableFiles == null ? List.of() : List.copyOf(notableFiles);
    vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    misconfigurations = misconfigurations == null ? List.of() : List.copyOf(misconfigurations);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    checksRun = checksRun == null ? List.of() : List.copyOf(checksRun);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A result without notable files and suppressed findings. */
  public ScanResult(int schemaVersion, String drydockVersion, String createdAt, Target target, OsInfo os,
      ImageConfig config, List<LayerInfo> layers, List<InstalledPackage> packages,
      List<Vulnerability> vulnerabilities, ScanStats stats, List<String> warnings) {
    this(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages, List.of(), vulnerabilities,
        List.of(), List.of(), List.of(), List.of(), stats, warnings);
  }

  /** A result without misconfigurations and secrets (what the package and vulnerability stages build). */
  public ScanResult(int schemaVersion, String drydockVersion, String createdAt, Target target, OsInfo os,
      ImageConfig config, List<LayerInfo> layers, List<InstalledPackage> packages, List<Fact.FileInfo> notableFiles,
      List<Vulnerability> vulnerabilities, List<SuppressedVulnerability> suppressed, ScanStats stats,
      List<String> warnings) {
    this(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages, notableFiles,
        vulnerabilities, suppressed, List.of(), List.of(), List.of(), stats, warnings);
  }

  /**
   * The same result with these misconfigurations and secrets and the names of the check families that ran
   * ({@code dockerfile}, {@code image-config}, {@code kubernetes}, {@code compose}, {@code docker-inspect},
   * {@code host}, {@code cloudformation}, {@code secrets}, {@code weak-crypto}), replacing any it had. A
   * compliance control backed by a family that did not run is "not tested", not "pass".
   */
  public ScanResult withFindings(List<Misconfiguration> misconfigs, List<ExposedSecret> foundSecrets,
      List<String> families) {
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
        notableFiles, vulnerabilities, suppressed, misconfigs, foundSecrets, families, stats, warnings);
  }

  /**
   * The same result with matching's outcome: {@code vulns} kept, {@code suppressedVulns} (shown only
   * when asked), and {@code moreWarnings} appended to the warnings.
   */
  public ScanResult withVulnerabilities(List<Vulnerability> vulns, List<SuppressedVulnerability> suppressedVulns,
      List<String> moreWarnings) {
    List<String> w = new java.util.ArrayList<>(warnings);
    w.addAll(moreWarnings);
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
        notableFiles, vulns, suppressedVulns, misconfigurations, secrets, checksRun, stats, w);
  }
}
