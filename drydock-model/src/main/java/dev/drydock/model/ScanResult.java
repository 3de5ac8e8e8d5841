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
    ScanStats stats,
    List<String> warnings) {

  public static final int SCHEMA_VERSION = 1;

  public ScanResult {
    layers = layers == null ? List.of() : List.copyOf(layers);
    packages = packages == null ? List.of() : List.copyOf(packages);
    notableFiles = notableFiles == null ? List.of() : List.copyOf(notableFiles);
    vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A result without notable files and suppressed findings. */
  public ScanResult(int schemaVersion, String drydockVersion, String createdAt, Target target, OsInfo os,
      ImageConfig config, List<LayerInfo> layers, List<InstalledPackage> packages,
      List<Vulnerability> vulnerabilities, ScanStats stats, List<String> warnings) {
    this(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages, List.of(), vulnerabilities,
        List.of(), stats, warnings);
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
        notableFiles, vulns, suppressedVulns, stats, w);
  }
}
