package dev.drydock.gate.eval;

/** The gate's verdict. */
public enum Decision {
  /** Nothing failed that matters. */
  PASS,
  /** Only may-fail rules failed. */
  WARN,
  /** A must-pass rule failed, or the score or grade is below the baseline's minimum. */
  FAIL;

  /** 0 for PASS, 1 for FAIL, 3 for WARN when {@code failOnWarn} (else 0). */
  public int exitCode(boolean failOnWarn) {
    return switch (this) {
      case PASS -> 0;
      case FAIL -> 1;
      case WARN -> failOnWarn ? 3 : 0;
    };
  }
}
