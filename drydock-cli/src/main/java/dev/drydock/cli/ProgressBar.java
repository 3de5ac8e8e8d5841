package dev.drydock.cli;

import dev.drydock.engine.Listener;
import java.io.PrintWriter;

/**
 * Draws long work's progress as one line on standard error, redrawn in place ({@code \r}) and cleared when
 * the work is done, so the report and the summary line print as they would without it. Draws nothing when
 * standard error is not a terminal ({@link Terminal#stderr()}: a pipe, a file, a CI log) or with
 * {@code --quiet}. Warnings are not drawn: every report format already holds them.
 */
final class ProgressBar implements Listener {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  /** Length of the line on screen, 0 when nothing is drawn. */
  private int drawn;
  private long lastDone = -1;

  ProgressBar(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** A bar on {@code err} when it is the process's standard error, that is a terminal, and not quiet. */
  static ProgressBar onStderr(PrintWriter err, boolean isProcessStderr, boolean quiet) {
    return new ProgressBar(err, isProcessStderr && !quiet && Terminal.stderr());
  }

  @Override
  public synchronized void progress(String task, long done, long total) {
    if (!enabled || done == lastDone) {
      return;
    }
    lastDone = done;
    if (total > 0 && done >= total) {
      clear();
      return;
    }
    StringBuilder line = new StringBuilder("\r").append(task).append(' ');
    if (total > 0) {
      int filled = (int) (WIDTH * done / total);
      line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
          .append(done).append('/').append(total);
    } else {
      line.append(done);
    }
    int length = line.length() - 1;
    if (length < drawn) {
      line.append(" ".repeat(drawn - length));
    }
    drawn = Math.max(length, drawn);
    err.print(line);
    err.flush();
  }

  /** Removes the bar from the screen (before an error or the report's summary line). */
  synchronized void clear() {
    if (drawn > 0) {
      err.print("\r" + " ".repeat(drawn) + "\r");
      err.flush();
      drawn = 0;
    }
    lastDone = -1;
  }
}
