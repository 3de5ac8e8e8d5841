package dev.drydock.web;

import java.time.Duration;

/** The instant {@code --max-duration} ends; nothing of a scan runs past it. */
final class Deadline {
  private final long end;

  Deadline(Duration d) {
    end = System.nanoTime() + d.toNanos();
  }

  Duration remaining() {
    long left = end - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  boolean passed() {
    return remaining().isZero();
  }
}
