package dev.drydock.cli;

import dev.drydock.model.ScanResult;

/** The one-line summary printed to standard error after a scan. */
final class Summary {
  private Summary() {}

  static String of(ScanResult r) {
    var s = r.stats();
    String findings = (r.misconfigurations().isEmpty() ? "" : ", " + r.misconfigurations().size() + " misconfigurations")
        + (r.secrets().isEmpty() ? "" : ", " + r.secrets().size() + " secrets");
    var missing = r.notChecked();
    int unchecked = missing.stream().mapToInt(dev.drydock.model.Coverage::packages).sum();
    // last, so that it ends the line: these packages' vulnerabilities are unknown
    String notChecked = missing.isEmpty() ? "" : "; NOT CHECKED: " + unchecked + " packages (no advisory data for "
        + String.join(", ", missing.stream().map(dev.drydock.model.Coverage::family).toList()) + ")";
    return String.format("drydock: %s: %d packages, %d vulnerabilities%s, %d layers (%d analysed, %d from cache)"
            + " in %d ms%s%s",
        r.target().name(), r.packages().size(), r.vulnerabilities().size(), findings, s.layers(),
        s.layersAnalysed(),
        s.layersFromCache(), s.durationMillis(), r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings", notChecked);
  }
}
