package dev.drydock.engine;

import dev.drydock.model.DrydockException;
import java.time.Duration;

/**
 * Asks running work to stop. Work checks {@link #check()} between units (a layer, a file, a feed) and
 * leaves every store consistent: what was committed stays, what was half done is rolled back or never
 * written. The CLI cancels on Ctrl-C; a server on a client's disconnect or a deadline.
 */
public final class Cancellation {
  private volatile String reason;
  /** {@link System#nanoTime()} after which the work counts as cancelled; meaningful when {@link #deadlineSet}. */
  private volatile long deadline;
  private volatile boolean deadlineSet;
  private volatile boolean timedOut;

  /** A token nobody cancels. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel(String why) {
    reason = why == null ? "cancelled" : why;
  }

  public boolean cancelled() {
    return reason() != null;
  }

  /**
   * Cancels the work once {@code after} has passed (a command's time bound, {@code --timeout}): the next
   * {@link #check()} after the deadline throws, whatever thread runs it; no timer thread is involved, so a
   * deadline that has passed is always seen. Zero or negative: no deadline.
   */
  public void cancelAfter(Duration after) {
    if (after.isZero() || after.isNegative()) {
      return;
    }
    deadline = System.nanoTime() + after.toNanos();
    deadlineSet = true;
  }

  /** Whether the work was cancelled because the deadline of {@link #cancelAfter} passed (not Ctrl-C). */
  public boolean timedOut() {
    reason();
    return timedOut;
  }

  private String reason() {
    String r = reason;
    if (r == null && deadlineSet && System.nanoTime() - deadline >= 0) {
      timedOut = true;
      reason = "deadline passed";
      r = reason;
    }
    return r;
  }

  /** Throws {@link Cancelled} when cancelled; cheap enough to call per file. */
  public void check() {
    String r = reason();
    if (r != null) {
      throw new Cancelled(r);
    }
  }

  /** The work stopped because it was cancelled (the CLI exits 130, as after SIGINT). */
  public static final class Cancelled extends DrydockException {
    private static final long serialVersionUID = 1L;

    public Cancelled(String reason) {
      super("cancelled: " + reason);
    }
  }
}
