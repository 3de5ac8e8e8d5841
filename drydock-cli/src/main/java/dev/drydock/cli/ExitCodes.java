package dev.drydock.cli;

/** Exit codes, documented in README.md. */
final class ExitCodes {
  static final int OK = 0;
  /** drydock config: a finding at or above --fail-on. */
  static final int FINDINGS = 1;
  /** drydock db update: some feeds failed (each named on stderr); the others were imported. */
  static final int FEEDS_FAILED = 1;
  /** Bad input or usage: a one-line message says what and where. */
  static final int INPUT = 2;
  /** Cancelled (Ctrl-C, SIGTERM): 128 + SIGINT, as a shell reports a job stopped by Ctrl-C. */
  static final int CANCELLED = 130;
  /** A bug in drydock. */
  static final int INTERNAL = 4;

  private ExitCodes() {}
}
