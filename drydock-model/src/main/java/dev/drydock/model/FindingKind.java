package dev.drydock.model;

import java.util.Locale;

/**
 * The kinds of {@link Finding}, in the order {@link ScanResult#findings()} lists them. Adding a kind adds a
 * constant here, a record implementing {@link Finding}, and its entry in that interface's {@code permits}.
 */
public enum FindingKind {
  /** A known vulnerability in an installed package ({@link Vulnerability}). */
  VULNERABILITY,
  /** A misconfiguration found by a check, or weak crypto in a source file ({@link Misconfiguration}). */
  MISCONFIGURATION,
  /** A secret in a file, a layer, the image config or a commit ({@link ExposedSecret}). */
  SECRET,
  /** An alert of {@code drydock web} on a running service ({@link WebAlert}). */
  WEB_ALERT;

  /**
   * The stable lower-case name reports use ({@code vulnerability}, {@code misconfiguration}, {@code secret},
   * {@code web-alert}), e.g. as the first tag of a SARIF rule.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
