package dev.drydock.cli;

import dev.drydock.model.ScanResult;

/** The one-line summary printed to standard error after a scan. */
final class Summary {
  private Summary() {}

  static String of(ScanResult r) {
    var s = r.stats();
    String findings = (r.misconfigurations().isEmpty() ? "" : ", " + r.misconfigurations().size() + " misconfigurations")
        + (r.secrets().isEmpty() ? "" : ", " + r.secrets().size() + " secrets");
    return String.format("drydock: %s: %d packages, %d vulnerabilities%s, %d layers (%d analysed, %d from cache)"
            + " in %d ms%s",
        r.target().name(), r.packages().size(), r.vulnerabilities().size(), findings, s.layers(), s.layersAnalysed(),
        s.layersFromCache(), s.durationMillis(), r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings");
  }
}
