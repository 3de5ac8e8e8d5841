package dev.drydock.vulndb.match;

import dev.drydock.model.Severity;
import dev.drydock.model.Vulnerability.Status;

/**
 * drydock's risk score, 0..100 (docs/risk-score.md):
 * {@code risk = 100 * min(1, impact * (threat * (kev ? 1.05 : 1) + 0.1))}, where {@code impact} is the
 * CVSS base score / 10 (else the midpoint of the severity rating) and {@code threat} is 1 for a CISA KEV
 * entry, else the EPSS score (0 when unknown). Mitigated findings score 0. Rounded to one decimal.
 */
public final class RiskScore {
  /** The weight of impact alone, so that high-impact findings without EPSS data still rank. */
  public static final double SEVERITY_FLOOR = 0.1;
  /** The boost of known exploitation. */
  public static final double KEV_BOOST = 1.05;

  private RiskScore() {}

  /**
   * @param baseScore CVSS base score 0..10, or null when none is known
   * @param severity the finding's rating, used when there is no base score
   * @param epss EPSS probability 0..1, or null
   * @param kev listed in CISA KEV
   * @param status the finding's status
   */
  public static double of(Double baseScore, Severity severity, Double epss, boolean kev, Status status) {
    if (status == Status.MITIGATED) {
      return 0.0;
    }
    double impact = (baseScore != null ? baseScore : midpoint(severity)) / 10.0;
    double threat = kev ? 1.0 : epss == null ? 0.0 : Math.max(0.0, Math.min(1.0, epss));
    double risk = Math.min(1.0, impact * (threat * (kev ? KEV_BOOST : 1.0) + SEVERITY_FLOOR));
    return Math.round(risk * 1000.0) / 10.0;
  }

  /** Midpoints of the CVSS v3 rating bands; UNKNOWN counts as MEDIUM. */
  static double midpoint(Severity s) {
    return switch (s) {
      case CRITICAL -> 9.5;
      case HIGH -> 8.0;
      case MEDIUM, UNKNOWN -> 5.5;
      case LOW -> 2.0;
      case NONE -> 0.0;
    };
  }
}
