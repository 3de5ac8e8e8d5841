package dev.drydock.report;

import dev.drydock.model.ExposedSecret;
import dev.drydock.model.Misconfiguration;
import dev.drydock.model.ScanResult;
import dev.drydock.model.Severity;
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
}
