package dev.drydock.analyzers.lang.java;

import java.io.IOException;

/**
 * An entry inflated past a limit. The message says which limit ("entry inflates past 256 MiB
 * (limit)"); {@link ArchiveScanner} turns it into a {@link dev.drydock.model.DrydockException} naming
 * the entry.
 */
final class LimitExceededException extends IOException {
  private static final long serialVersionUID = 1L;

  LimitExceededException(String message) {
    super(message);
  }
}
