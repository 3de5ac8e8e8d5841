package dev.drydock.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one host audit.
 *
 * @param root the audited root directory, as given
 * @param benchmark the benchmark the control ids belong to
 * @param controls every control of sections 1-3, in benchmark order
 * @param errors one line per file that could not be read ({@code file:line: reason}); the other controls
 *     were still evaluated
 */
public record HostReport(String root, String benchmark, List<HostControl> controls, List<String> errors) {

  public HostReport {
    controls = List.copyOf(controls);
    errors = List.copyOf(errors);
  }

  /** Whether any control failed. */
  public boolean failed() {
    return controls.stream().anyMatch(c -> c.status() == HostStatus.FAIL);
  }

  /** CIS id to status, in benchmark order. */
  public Map<String, HostStatus> statuses() {
    Map<String, HostStatus> out = new LinkedHashMap<>();
    controls.forEach(c -> out.put(c.id(), c.status()));
    return out;
  }

  /** How many controls have each status. */
  public Map<HostStatus, Integer> counts() {
    Map<HostStatus, Integer> out = new LinkedHashMap<>();
    for (HostStatus s : HostStatus.values()) {
      out.put(s, (int) controls.stream().filter(c -> c.status() == s).count());
    }
    return out;
  }

  /** Every failed control as a finding: rule {@code DD-HOST-<id>}, references and controls naming the CIS id. */
  public List<Misconfiguration> misconfigurations() {
    List<Misconfiguration> out = new ArrayList<>();
    for (HostControl c : controls) {
      if (c.status() != HostStatus.FAIL) {
        continue;
      }
      out.add(new Misconfiguration("DD-HOST-" + c.id(), c.severity(), c.title() + ": " + c.evidence(),
          c.file() == null ? root : c.file(), c.line(), 0, c.remediation(), List.of("CIS Docker " + c.id()),
          List.of("cis-docker:" + c.id()), null, null));
    }
    return out;
  }

  /**
   * The audit as a drydock result: target kind {@code host}, the failures as misconfigurations, check family
   * {@code host} plus {@code host:<id>} for every control decided PASS or FAIL (the rest stay "not tested" in
   * compliance reports), and the Docker packages of the host with their vulnerabilities (for control 1.2.2).
   */
  public ScanResult toScanResult(String drydockVersion, String createdAt, OsInfo os,
      List<InstalledPackage> dockerPackages, List<Vulnerability> vulnerabilities, List<String> warnings,
      long durationMillis) {
    List<String> w = new ArrayList<>(errors);
    w.addAll(warnings);
    ScanResult base = ScanResult.builder()
        .schemaVersion(ScanResult.SCHEMA_VERSION)
        .drydockVersion(drydockVersion)
        .createdAt(createdAt)
        .target(new Target("host", root, null, null, List.of(), null))
        .os(os)
        .packages(dockerPackages)
        .vulnerabilities(vulnerabilities)
        .stats(new ScanStats(0, 0, 0, 0, 0, durationMillis))
        .warnings(w)
        .build();
    List<String> run = new ArrayList<>();
    run.add("host");
    for (HostControl c : controls) {
      if (c.status() == HostStatus.PASS || c.status() == HostStatus.FAIL) {
        run.add("host:" + c.id()); // decided from files: compliance may call it pass or fail
      }
    }
    return base.withFindings(misconfigurations(), List.of(), run);
  }
}
