package dev.drydock.engine;

import dev.drydock.model.DrydockException;

/**
 * Asks running work to stop. Work checks {@link #check()} between units (a layer, a file, a feed) and
 * leaves every store consistent: what was committed stays, what was half done is rolled back or never
 * written. The CLI cancels on Ctrl-C; a server on a client's disconnect or a deadline.
 */
public final class Cancellation {
  private volatile String reason;

  /** A token nobody cancels. */
  public static Cancellation none() {
    return new Cancellation();
  }

  public void cancel(String why) {
    reason = why == null ? "cancelled" : why;
  }

  public boolean cancelled() {
    return reason != null;
  }

  /** Throws {@link Cancelled} when cancelled; cheap enough to call per file. */
  public void check() {
    String r = reason;
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
