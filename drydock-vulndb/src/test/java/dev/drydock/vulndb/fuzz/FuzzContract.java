package dev.drydock.vulndb.fuzz;

import dev.drydock.model.DrydockException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The contract every fuzz target checks: the parser returns, or throws bad input ({@link DrydockException} with
 * a one-line message, or one of the exception types its API documents for bad input); never any other exception
 * or error, and never takes longer than {@link #SECONDS_PER_INPUT} seconds on one input (a hang or super-linear
 * time). The parser runs on a worker thread so that a hang fails the input instead of blocking the fuzzer.
 */
final class FuzzContract {
  /** Generous for a shared 2-core machine: real inputs of the fuzzers' sizes parse in milliseconds. */
  static final long SECONDS_PER_INPUT = 10;

  private static ExecutorService worker = newWorker();

  private FuzzContract() {}

  interface Body {
    void run() throws Exception;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code body}; fails unless it returns or throws {@link DrydockException} or one of {@code documented}. */
  @SafeVarargs
  static synchronized void holds(Body body, Class<? extends Throwable>... documented) {
    Future<?> f = worker.submit(() -> {
      body.run();
      return null;
    });
    try {
      f.get(SECONDS_PER_INPUT, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionError("no result within " + SECONDS_PER_INPUT + " s on one input (a hang?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DrydockException d) {
        String m = d.getMessage();
        if (m == null || m.isBlank() || m.contains("\n")) {
          throw new AssertionError("bad-input message is not one line: " + m, d);
        }
        return;
      }
      for (Class<? extends Throwable> c : documented) {
        if (c.isInstance(cause)) {
          return;
        }
      }
      throw new AssertionError("the parser broke its contract: " + cause, cause);
    }
  }
}
