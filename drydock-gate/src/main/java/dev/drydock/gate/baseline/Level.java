package dev.drydock.gate.baseline;

import java.util.Locale;

/** How a failing rule affects the gate. */
public enum Level {
  /** A failure fails the gate (exit 1). */
  MUST_PASS,
  /** A failure warns (exit 3 with fail-on-warn, else 0). */
  MAY_FAIL,
  /** Reported, never affects the decision. */
  INFO,
  /** Not evaluated. */
  IGNORE;

  /** The name used in baseline files ({@code must-pass}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Level parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
