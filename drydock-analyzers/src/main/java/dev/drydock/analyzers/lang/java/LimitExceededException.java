package dev.drydock.analyzers.lang.java;

import java.io.IOException;

/** An entry inflated past a limit: the archive holding it is skipped. */
final class LimitExceededException extends IOException {
  private static final long serialVersionUID = 1L;

  LimitExceededException(String message) {
    super(message);
  }
}
