package dev.drydock.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A finding that an ignore file or a VEX statement suppressed: exactly one of {@code vulnerability},
 * {@code misconfiguration}, {@code secret} and {@code webAlert} is set.
 *
 * @param vulnerability the vulnerability, or null
 * @param misconfiguration the misconfiguration, or null
 * @param secret the secret, or null
 * @param webAlert the web alert, or null
 * @param by what suppressed it: {@code ignorefile:<file>:<line>}, {@code vex:<file>}, or {@code vendor:<feed>} (the
 *     distribution's own "not affected", e.g. Red Hat CSAF VEX)
 * @param reason the ignore entry's reason or the VEX justification
 */
public record SuppressedFinding(Vulnerability vulnerability, Misconfiguration misconfiguration, ExposedSecret secret,
    WebAlert webAlert, String by, String reason) {

  public SuppressedFinding {
    int set = (vulnerability != null ? 1 : 0) + (misconfiguration != null ? 1 : 0) + (secret != null ? 1 : 0)
        + (webAlert != null ? 1 : 0);
    if (set != 1) {
      throw new IllegalArgumentException("a suppressed finding holds exactly one finding, not " + set);
    }
  }

  /** A suppressed finding of any kind. */
  public static SuppressedFinding of(Finding finding, String by, String reason) {
    return switch (finding.kind()) { // no default: a new kind does not compile until it has its field here
      case VULNERABILITY -> new SuppressedFinding((Vulnerability) finding, by, reason);
      case MISCONFIGURATION -> new SuppressedFinding((Misconfiguration) finding, by, reason);
      case SECRET -> new SuppressedFinding((ExposedSecret) finding, by, reason);
      case WEB_ALERT -> new SuppressedFinding((WebAlert) finding, by, reason);
    };
  }

  /** The finding it holds, whatever its kind. */
  @JsonIgnore
  public Finding finding() {
    return vulnerability != null ? vulnerability : misconfiguration != null ? misconfiguration
        : secret != null ? secret : webAlert;
  }

  /** A suppressed vulnerability. */
  public SuppressedFinding(Vulnerability vulnerability, String by, String reason) {
    this(vulnerability, null, null, null, by, reason);
  }

  /** A suppressed misconfiguration. */
  public SuppressedFinding(Misconfiguration misconfiguration, String by, String reason) {
    this(null, misconfiguration, null, null, by, reason);
  }

  /** A suppressed secret. */
  public SuppressedFinding(ExposedSecret secret, String by, String reason) {
    this(null, null, secret, null, by, reason);
  }

  /** A suppressed web alert. */
  public SuppressedFinding(WebAlert webAlert, String by, String reason) {
    this(null, null, null, webAlert, by, reason);
  }
}
