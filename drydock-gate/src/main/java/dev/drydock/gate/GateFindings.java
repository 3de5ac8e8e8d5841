package dev.drydock.gate;

import dev.drydock.model.ScanResult;
import dev.drydock.model.Vulnerability;
import java.util.ArrayList;
import java.util.List;

/** Turns scan results of any kind into gate findings. */
public final class GateFindings {
  private GateFindings() {}

  /** Every finding of {@code result} (today: its vulnerabilities). */
  public static List<GateFinding> of(ScanResult result) {
    List<GateFinding> out = new ArrayList<>();
    for (Vulnerability v : result.vulnerabilities()) {
      List<String> tags = new ArrayList<>();
      tags.add(v.ecosystem() == null ? "unknown" : v.ecosystem().name().toLowerCase(java.util.Locale.ROOT));
      tags.add(v.status().name().toLowerCase(java.util.Locale.ROOT));
      out.add(new GateFinding("vulnerability", v.id(), v.id(), v.severity(), v.title(), v.purl(),
          v.locations().isEmpty() ? null : v.locations().get(0), v.layerDiffId(), v.fixable(), v.kev(), v.epss(),
          v.published(), tags, List.of(), v.fixedVersions()));
    }
    return out;
  }
}
