package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import dev.drydock.model.HostReport;
import dev.drydock.model.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code drydock host} job (docs/host-audit.md): the Docker packages of a host matched for control 1.2.2
 * ({@link HostPackages}), then CIS Docker Benchmark sections 1-3 evaluated from the host's files, and the whole
 * as a drydock result. A front end renders it with drydock-report's {@code HostReports}.
 */
public final class HostAudit {
  /**
   * One audit.
   *
   * @param report every control with its status and evidence, and the files that could not be read
   * @param result the audit as a drydock result: failures as misconfigurations, the Docker packages and their
   *     vulnerabilities
   */
  public record Audit(HostReport report, ScanResult result) {}

  private HostAudit() {}

  /**
   * Audits the host whose root directory is {@code root}, matching its Docker packages against the store in
   * {@code cacheDir}, or against {@code advisories} when any are given.
   *
   * @throws DrydockException when {@code root} is not a directory (nothing can be checked)
   */
  public static Audit run(Path root, Path cacheDir, List<Path> advisories, Instant now) {
    if (!Files.isDirectory(root)) {
      throw new DrydockException(root + ": not a directory (expected the root of a Docker host, e.g. /)");
    }
    long started = System.nanoTime();
    HostPackages.Result packages = HostPackages.check(root, cacheDir,
        new VulnerabilityScan.Options(advisories, null, false, null, null, false), now);
    HostReport report = dev.drydock.checks.host.HostAudit.run(root, packages.upToDate());
    ScanResult result = report.toScanResult(Version.current(), now.truncatedTo(ChronoUnit.SECONDS).toString(),
        packages.os(), packages.packages(), packages.vulnerabilities(), packages.warnings(),
        (System.nanoTime() - started) / 1_000_000);
    return new Audit(report, result);
  }
}
