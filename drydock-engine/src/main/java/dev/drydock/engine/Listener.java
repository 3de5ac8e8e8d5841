package dev.drydock.engine;

/**
 * What long work tells its caller while it runs: progress and warnings. Library code never prints; the CLI
 * draws a progress bar on a terminal (nothing on a pipe or with {@code --quiet}), a server logs. Methods may
 * be called from several threads at once; implementations must be thread-safe and quick.
 */
public interface Listener {

  /** Says nothing. */
  Listener NONE = new Listener() {};

  /**
   * {@code done} of {@code total} units of {@code task} are finished (for a scan: layers; {@code total} is -1
   * when not known yet).
   */
  default void progress(String task, long done, long total) {}

  /** Something the user should know that does not stop the work (also kept in the result's warnings). */
  default void warning(String message) {}
}
