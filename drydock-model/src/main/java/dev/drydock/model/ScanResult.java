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
    List<Vulnerability> vulnerabilities,
    ScanStats stats,
    List<String> warnings) {

  public static final int SCHEMA_VERSION = 1;

  public ScanResult {
    layers = layers == null ? List.of() : List.copyOf(layers);
    packages = packages == null ? List.of() : List.copyOf(packages);
    vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** The same result with {@code vulns} as its vulnerabilities (matching runs after the inventory). */
  public ScanResult withVulnerabilities(List<Vulnerability> vulns) {
    return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages, vulns,
        stats, warnings);
  }
}
