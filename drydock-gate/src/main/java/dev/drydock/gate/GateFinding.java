package dev.drydock.gate;

import dev.drydock.model.Severity;
import java.util.List;

/**
 * One finding of any kind as the gate sees it. Every {@link dev.drydock.model.Finding} of a result becomes one
 * through the same path ({@link GateFindings#of(dev.drydock.model.Finding)}), advisory data and drift add their
 * own; a new finding kind needs no gate change unless its rules select by something of its own.
 *
 * @param kind {@code vulnerability}, {@code config}, {@code secret}, {@code data}, {@code drift}, or the
 *     {@link dev.drydock.model.FindingKind#id()} of a newer finding kind
 * @param id the finding's id (CVE/GHSA id, rule id of a misconfiguration, ...)
 * @param ruleId the rule or finding class a baseline names it by (e.g. {@code DD-CFG-001}); for
 *     vulnerabilities the advisory id
 * @param severity its severity
 * @param title one line
 * @param purl the package, if any
 * @param location file path or URL, if any
 * @param layerDiffId the layer, if any
 * @param fixable whether a fix is available
 * @param kev whether it is known exploited (CISA KEV)
 * @param epss EPSS probability, null if unknown
 * @param published publication date {@code YYYY-MM-DD...}, null if unknown
 * @param tags free tags a baseline may select by
 * @param controls compliance controls this finding is evidence against (e.g. {@code cis-docker:4.1})
 * @param fixedVersions versions that fix it, when known (vulnerabilities)
 */
public record GateFinding(
    String kind,
    String id,
    String ruleId,
    Severity severity,
    String title,
    String purl,
    String location,
    String layerDiffId,
    boolean fixable,
    boolean kev,
    Double epss,
    String published,
    List<String> tags,
    List<String> controls,
    List<String> fixedVersions) {

  public GateFinding {
    tags = tags == null ? List.of() : List.copyOf(tags);
    controls = controls == null ? List.of() : List.copyOf(controls);
    fixedVersions = fixedVersions == null ? List.of() : List.copyOf(fixedVersions);
  }

  /** A finding without known fixed versions (configuration, secret, web and drift findings). */
  public GateFinding(String kind, String id, String ruleId, Severity severity, String title, String purl,
      String location, String layerDiffId, boolean fixable, boolean kev, Double epss, String published,
      List<String> tags, List<String> controls) {
    this(kind, id, ruleId, severity, title, purl, location, layerDiffId, fixable, kev, epss, published, tags, controls,
        List.of());
  }
}
