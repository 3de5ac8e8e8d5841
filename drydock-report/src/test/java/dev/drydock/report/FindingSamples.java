package dev.drydock.report;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
import dev.drydock.model.SuppressedFinding;
import java.util.List;

/** A scan result with misconfigurations (a Dockerfile and the image config) and secrets (a layer, a git commit). */
public final class FindingSamples {
  private FindingSamples() {}

  public static final String LAYER = Samples.sha256("app layer");

  public static ScanResult debianWithMisconfigurationsAndSecrets() {
    ScanResult base = Samples.debianImage();
    List<Misconfiguration> m = List.of(
        new Misconfiguration("DD-DF-001", Severity.HIGH, "Image runs as root: last USER is root or missing",
            "deploy/Dockerfile", 1, 1, "Add a USER instruction with a non-root user.",
            List.of("hadolint DL3002", "CIS Docker 4.1"), List.of("cis-docker:4.1"), null, null),
        new Misconfiguration("DD-IMG-004", Severity.MEDIUM, "Database port exposed: 5432/tcp (PostgreSQL)",
            "image-config", 0, 0, "Expose database ports only on databases.", List.of(), List.of("nist-800-190:4.1.2"),
            null, "ExposedPorts 5432/tcp"),
        new Misconfiguration("DD-IMG-008", Severity.MEDIUM, "setuid/setgid file: setuid, mode 4755, owner 0:0",
            "usr/bin/passwd", 0, 0, "Remove the setuid bit.", List.of("CIS Docker 4.8"), List.of("cis-docker:4.8"),
            LAYER, null));
    List<ExposedSecret> s = List.of(
        new ExposedSecret("DD-SEC-001", "cloud", Severity.CRITICAL, "AWS access key id", "opt/app/.env", 3, 12,
            "AKIA****",
            Samples.sha256("fp1"), LAYER, true, null, null, null),
        new ExposedSecret("DD-SEC-007", "ci", Severity.HIGH, "GitHub personal access token", "config/settings.py",
            10, 5,
            "ghp_****", Samples.sha256("fp2"), null, false, "0123456789abcdef0123456789abcdef01234567",
            "Dev <dev@example.com>", "2026-01-02T03:04:05Z"));
    return base.withFindings(m, s, List.of("dockerfile", "image-config", "secrets"));
  }

  /**
   * Findings of every kind with one of each suppressed (as {@code --show-suppressed} keeps them): log4shell by a
   * VEX statement, the CVE-2023-5678 libssl3 finding by an ignore entry, the DD-IMG-004 misconfiguration and the
   * DD-SEC-007 secret by ignore entries.
   */
  public static ScanResult everyKindWithSuppressed() {
    ScanResult vulns = VulnSamples.debianWithFindings();
    ScanResult base = debianWithMisconfigurationsAndSecrets();
    ScanResult all = vulns.withFindings(base.misconfigurations(), base.secrets(), base.checksRun());
    var log4shell = all.vulnerabilities().get(0);
    var libssl = all.vulnerabilities().get(1);
    var dbPort = all.misconfigurations().get(1);
    var token = all.secrets().get(1);
    ScanResult kept = all.withVulnerabilities(List.of(all.vulnerabilities().get(2)), List.of(
        new SuppressedFinding(log4shell, "vex:app.openvex.json",
            "not_affected (vulnerable_code_not_in_execute_path): no JNDI lookups"),
        new SuppressedFinding(libssl, "ignorefile:.drydockignore.yaml:3", "the app never uses this API")),
        List.of());
    return kept.withFiltered(List.of(all.misconfigurations().get(0), all.misconfigurations().get(2)),
        List.of(all.secrets().get(0)), List.of(
            new SuppressedFinding(dbPort, "ignorefile:.drydockignore.yaml:7", "this image is the database"),
            new SuppressedFinding(token, "ignorefile:.drydockignore.yaml:10", "a revoked sample token")),
        List.of());
  }
}
