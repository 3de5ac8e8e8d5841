package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WebAlert> webAlerts,
    WebScan web,
    List<String> checksRun,
    List<AdvisoryData> advisoryData,
    List<Coverage> coverage,
    ScanStats stats,
    List<String> warnings,
    SignatureCheck signature) {

  public static final int SCHEMA_VERSION = 1;

  public ScanResult {
    layers = layers == null ? List.of() : List.copyOf(layers);
    packages = packages == null ? List.of() : List.copyOf(packages);
    notableFiles = notableFiles == null ? List.of() : List.copyOf(notableFiles);
    vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
    suppressed = suppressed == null ? List.of() : List.copyOf(suppressed);
    misconfigurations = misconfigurations == null ? List.of() : List.copyOf(misconfigurations);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    webAlerts = webAlerts == null ? List.of() : List.copyOf(webAlerts);
    checksRun = checksRun == null ? List.of() : List.copyOf(checksRun);
    advisoryData = advisoryData == null ? List.of() : List.copyOf(advisoryData);
    coverage = coverage == null ? List.of() : List.copyOf(coverage);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** An empty builder: every list empty, every other field null (and {@code schemaVersion} 0). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this result's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Every finding, whatever its kind, in {@link FindingKind} order: the vulnerabilities, then the
   * misconfigurations, then the secrets, then the web alerts, each in the order the result holds them. Suppressed findings are not
   * in it (see {@link #suppressed()}). Not written to JSON: the kinds are written as their own lists.
   */
  @JsonIgnore
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>(vulnerabilities.size() + misconfigurations.size() + secrets.size()
        + webAlerts.size());
    for (FindingKind kind : FindingKind.values()) {
      all.addAll(findings(kind));
    }
    return List.copyOf(all);
  }

  /** The findings of one kind, in the order the result holds them. */
  public List<Finding> findings(FindingKind kind) {
    return List.copyOf(switch (kind) { // the lists are immutable already: no copy is made
      case VULNERABILITY -> vulnerabilities;
      case MISCONFIGURATION -> misconfigurations;
      case SECRET -> secrets;
      case WEB_ALERT -> webAlerts;
    });
  }

  /**
   * The same result with these misconfigurations and secrets and the names of the check families that ran
   * ({@code dockerfile}, {@code image-config}, {@code kubernetes}, {@code compose}, {@code docker-inspect},
   * {@code host}, {@code cloudformation}, {@code secrets}, {@code weak-crypto}), replacing any it had. A
   * compliance control backed by a family that did not run is "not tested", not "pass".
   */
  public ScanResult withFindings(List<Misconfiguration> misconfigs, List<ExposedSecret> foundSecrets,
      List<String> families) {
    return toBuilder().misconfigurations(misconfigs).secrets(foundSecrets).checksRun(families).build();
  }

  /**
   * The same result with matching's outcome: {@code vulns} kept, {@code suppressedVulns} (shown only
   * when asked), and {@code moreWarnings} appended to the warnings.
   */
  public ScanResult withVulnerabilities(List<Vulnerability> vulns, List<SuppressedFinding> suppressedVulns,
      List<String> moreWarnings) {
    return toBuilder().vulnerabilities(vulns).suppressed(suppressedVulns).addWarnings(moreWarnings).build();
  }

  /**
   * The same result with {@code misconfigs} and {@code foundSecrets} in place of its own, {@code moreSuppressed}
   * appended to the suppressed findings and {@code moreWarnings} to the warnings (the filters of
   * misconfigurations and secrets).
   */
  public ScanResult withFiltered(List<Misconfiguration> misconfigs, List<ExposedSecret> foundSecrets,
      List<SuppressedFinding> moreSuppressed, List<String> moreWarnings) {
    return toBuilder().misconfigurations(misconfigs).secrets(foundSecrets).addSuppressed(moreSuppressed)
        .addWarnings(moreWarnings).build();
  }

  /**
   * The same result with the advisory data it was matched with and, per package family, whether that data
   * covered it (replacing any it had). A family not covered fails the built-in gate (docs/baseline.md).
   */
  public ScanResult withCoverage(List<AdvisoryData> data, List<Coverage> families) {
    return toBuilder().advisoryData(data).coverage(families).build();
  }

  /** The families of packages no advisory data covered (empty when every family was checked). */
  public List<Coverage> notChecked() {
    return coverage.stream().filter(c -> !c.checked()).toList();
  }
  /**
   * Builds a {@link ScanResult} field by field (a plain mutable builder, not thread-safe). A list not set is
   * empty; {@link #build()} copies the lists, so the builder can be reused.
   */
  public static final class Builder {
    private int schemaVersion;
    private String drydockVersion;
    private String createdAt;
    private Target target;
    private OsInfo os;
    private ImageConfig config;
    private List<LayerInfo> layers = List.of();
    private List<InstalledPackage> packages = List.of();
    private List<Fact.FileInfo> notableFiles = List.of();
    private List<Vulnerability> vulnerabilities = List.of();
    private List<SuppressedFinding> suppressed = List.of();
    private List<Misconfiguration> misconfigurations = List.of();
    private List<ExposedSecret> secrets = List.of();
    private List<WebAlert> webAlerts = List.of();
    private WebScan web;
    private List<String> checksRun = List.of();
    private List<AdvisoryData> advisoryData = List.of();
    private List<Coverage> coverage = List.of();
    private ScanStats stats;
    private List<String> warnings = List.of();
    private SignatureCheck signature;

    private Builder() {}

    private Builder(ScanResult r) {
      schemaVersion = r.schemaVersion;
      drydockVersion = r.drydockVersion;
      createdAt = r.createdAt;
      target = r.target;
      os = r.os;
      config = r.config;
      layers = r.layers;
      packages = r.packages;
      notableFiles = r.notableFiles;
      vulnerabilities = r.vulnerabilities;
      suppressed = r.suppressed;
      misconfigurations = r.misconfigurations;
      secrets = r.secrets;
      webAlerts = r.webAlerts;
      web = r.web;
      checksRun = r.checksRun;
      advisoryData = r.advisoryData;
      coverage = r.coverage;
      stats = r.stats;
      warnings = r.warnings;
      signature = r.signature;
    }

    public Builder schemaVersion(int value) {
      schemaVersion = value;
      return this;
    }

    public Builder drydockVersion(String value) {
      drydockVersion = value;
      return this;
    }

    public Builder createdAt(String value) {
      createdAt = value;
      return this;
    }

    public Builder target(Target value) {
      target = value;
      return this;
    }

    public Builder os(OsInfo value) {
      os = value;
      return this;
    }

    public Builder config(ImageConfig value) {
      config = value;
      return this;
    }

    public Builder layers(List<LayerInfo> value) {
      layers = orEmpty(value);
      return this;
    }

    public Builder packages(List<InstalledPackage> value) {
      packages = orEmpty(value);
      return this;
    }

    public Builder notableFiles(List<Fact.FileInfo> value) {
      notableFiles = orEmpty(value);
      return this;
    }

    public Builder vulnerabilities(List<Vulnerability> value) {
      vulnerabilities = orEmpty(value);
      return this;
    }

    public Builder suppressed(List<SuppressedFinding> value) {
      suppressed = orEmpty(value);
      return this;
    }

    /** Appends {@code more} to the suppressed findings. */
    public Builder addSuppressed(List<SuppressedFinding> more) {
      suppressed = concat(suppressed, more);
      return this;
    }

    public Builder misconfigurations(List<Misconfiguration> value) {
      misconfigurations = orEmpty(value);
      return this;
    }

    public Builder secrets(List<ExposedSecret> value) {
      secrets = orEmpty(value);
      return this;
    }

    public Builder webAlerts(List<WebAlert> value) {
      webAlerts = orEmpty(value);
      return this;
    }

    public Builder web(WebScan value) {
      web = value;
      return this;
    }

    /** Appends {@code finding} to the list of its kind. */
    public Builder addFinding(Finding finding) {
      return switch (finding.kind()) { // no default: a new kind does not compile until it has its list
        case VULNERABILITY -> vulnerabilities(concat(vulnerabilities, List.of((Vulnerability) finding)));
        case MISCONFIGURATION -> misconfigurations(concat(misconfigurations, List.of((Misconfiguration) finding)));
        case SECRET -> secrets(concat(secrets, List.of((ExposedSecret) finding)));
        case WEB_ALERT -> webAlerts(concat(webAlerts, List.of((WebAlert) finding)));
      };
    }

    public Builder checksRun(List<String> value) {
      checksRun = orEmpty(value);
      return this;
    }

    public Builder advisoryData(List<AdvisoryData> value) {
      advisoryData = orEmpty(value);
      return this;
    }

    public Builder coverage(List<Coverage> value) {
      coverage = orEmpty(value);
      return this;
    }

    public Builder stats(ScanStats value) {
      stats = value;
      return this;
    }

    public Builder warnings(List<String> value) {
      warnings = orEmpty(value);
      return this;
    }

    /** Appends {@code more} to the warnings. */
    public Builder addWarnings(List<String> more) {
      warnings = concat(warnings, more);
      return this;
    }

    /** The outcome of verifying the image's signature ({@code scan --verify-key}), or null when not asked. */
    public Builder signature(SignatureCheck value) {
      signature = value;
      return this;
    }

    public ScanResult build() {
      return new ScanResult(schemaVersion, drydockVersion, createdAt, target, os, config, layers, packages,
          notableFiles, vulnerabilities, suppressed, misconfigurations, secrets, webAlerts, web, checksRun, advisoryData,
          coverage, stats, warnings, signature);
    }

    private static <T> List<T> orEmpty(List<T> value) {
      return value == null ? List.of() : value;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> all = new ArrayList<>(a);
      if (b != null) {
        all.addAll(b);
      }
      return all;
    }
  }
}
