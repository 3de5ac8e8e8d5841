package dev.drydock.cli;

import dev.drydock.model.ScanResult;

/** The one-line summary printed to standard error after a scan. */
final class Summary {
  private Summary() {}

  static String of(ScanResult r) {
    var s = r.stats();
    return String.format("drydock: %s: %d packages, %d vulnerabilities, %d layers (%d analysed, %d from cache)"
            + " in %d ms%s",
        r.target().name(), r.packages().size(), r.vulnerabilities().size(), s.layers(), s.layersAnalysed(),
        s.layersFromCache(), s.durationMillis(), r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings");
  }
}
