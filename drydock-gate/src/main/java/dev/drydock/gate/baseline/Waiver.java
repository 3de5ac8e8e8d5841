package dev.drydock.gate.baseline;

import dev.drydock.gate.GateFinding;
import java.time.LocalDate;

/**
 * An accepted risk: findings it selects do not fail their rules until it expires. Every non-null selector
 * ({@code id}, {@code purl}, {@code path}, {@code rule}) must match.
 *
 * @param id the finding id (CVE, GHSA, rule id of a misconfiguration...)
 * @param purl the package: an exact purl, or one without {@code @version} matching every version
 * @param path the finding's location
 * @param rule the baseline rule id the waiver is limited to
 * @param owner who accepted the risk
 * @param reason why
 * @param ticket tracking ticket, may be null
 * @param expires the last day the waiver applies
 * @param reviewBy when it should be reviewed, may be null
 * @param line its line in the baseline file
 */
public record Waiver(String id, String purl, String path, String rule, String owner, String reason, String ticket,
    LocalDate expires, LocalDate reviewBy, int line) {

  /** Whether this waiver selects {@code f} in rule {@code ruleId} (whatever its dates). */
  public boolean selects(GateFinding f, String ruleId) {
    if (id != null && !id.equals(f.id())) {
      return false;
    }
    if (purl != null && (f.purl() == null || !(f.purl().equals(purl) || f.purl().startsWith(purl + "@")))) {
      return false;
    }
    if (path != null && !path.equals(f.location())) {
      return false;
    }
    return rule == null || rule.equals(ruleId);
  }

  /** Whether it has expired on {@code today} (it applies through its {@code expires} day). */
  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }
}
