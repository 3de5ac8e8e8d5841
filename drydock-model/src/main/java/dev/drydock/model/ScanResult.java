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
    List<SuppressedFinding> suppressed,
    List<Misconfiguration> misconfigurations,
    List<ExposedSecret> secrets,
    List<String> checksRun,
    List<AdvisoryData> advisoryData,
    List<Coverage> coverage,
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
    advisoryData = advisoryData == null ? List.of() : List.copyOf(advisoryData);
    coverage = coverage == null ? List.of() : List.copyOf(coverage);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A result with no record of advisory data or coverage (before matching, or not an image scan). */
  public ScanResult(int schemaVersion, String drydockVersion, String createdAt, Target target, OsInfo os,
      ImageConfig config, List<LayerInfo> layers, List<InstalledPackage> packages, List<Fact.FileInfo> notableFiles,
      List<Vulnerability> vulnerabilities, List<SuppressedFinding> suppressed,
      List<Misconfiguration> misconfigurations, List<ExposedSecret> secrets, List<String> checksRun, ScanStats stats,
      List<String> warnings) {
    this(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages, notableFiles, vulnerabilities,
        suppressed, misconfigurations, secrets, checksRun, List.of(), List.of(), stats, warnings);
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
      List<Vulnerability> vulnerabilities, List<SuppressedFinding> suppressed, ScanStats stats,
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
        notableFiles, vulnerabilities, suppressed, misconfigs, foundSecrets, families, advisoryData, coverage, stats,
        warnings);
  }

  /**
   * The same result with matching's outcome: {@code vulns} kept, {@code suppressedVulns} (shown only
   * when asked), and {@code moreWarnings} appended to the warnings.
   */
  public ScanResult withVulnerabilities(List<Vulnerability> vulns, List<SuppressedFinding> suppressedVulns,
      List<String> moreWarnings) {
    List<String> w = new java.util.ArrayList<>(warnings);
    w.addAll(moreWarnings);
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
        notableFiles, vulns, suppressedVulns, misconfigurations, secrets, checksRun, advisoryData, coverage, stats, w);
  }

  /**
   * The same result with {@code misconfigs} and {@code foundSecrets} in place of its own, {@code moreSuppressed}
   * appended to the suppressed findings and {@code moreWarnings} to the warnings (the filters of
   * misconfigurations and secrets).
   */
  public ScanResult withFiltered(List<Misconfiguration> misconfigs, List<ExposedSecret> foundSecrets,
      List<SuppressedFinding> moreSuppressed, List<String> moreWarnings) {
    List<SuppressedFinding> s = new java.util.ArrayList<>(suppressed);
    s.addAll(moreSuppressed);
    List<String> w = new java.util.ArrayList<>(warnings);
    w.addAll(moreWarnings);
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
        notableFiles, vulnerabilities, s, misconfigs, foundSecrets, checksRun, advisoryData, coverage, stats, w);
  }

  /**
   * The same result with the advisory data it was matched with and, per package family, whether that data
   * covered it (replacing any it had). A family not covered fails the built-in gate (docs/baseline.md).
   */
  public ScanResult withCoverage(List<AdvisoryData> data, List<Coverage> families) {
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
        notableFiles, vulnerabilities, suppressed, misconfigurations, secrets, checksRun, data, families, stats,
        warnings);
  }

  /** The families of packages no advisory data covered (empty when every family was checked). */
  public List<Coverage> notChecked() {
    return coverage.stream().filter(c -> !c.checked()).toList();
  }
}
