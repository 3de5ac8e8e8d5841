package dev.drydock.model.testing;

import dev.drydock.model.DrydockException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The contract every fuzz target checks (each module's {@code fuzz} package; drydock-model's test jar): the parser returns, or throws bad input ({@link DrydockException} with
 * a one-line message, or one of the exception types its API documents for bad input); never any other exception
 * or error, and never spends more than {@link #SECONDS_PER_INPUT} seconds of CPU time on one input (a hang or
 * super-linear time). The parser runs on a worker thread so that a hang fails the input instead of blocking the
 * fuzzer; its CPU time is what counts (a fuzzer at nice 19 on a loaded machine may wait seconds for a core), with a
 * wall-clock backstop of {@link #WALL_SECONDS_PER_INPUT} seconds for a parser blocked without using CPU.
 */
public final class FuzzContract {
  /** Generous for a shared 2-core machine: real inputs of the fuzzers' sizes parse in milliseconds. */
  public static final long SECONDS_PER_INPUT = 10;
  public static final long WALL_SECONDS_PER_INPUT = 300;
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static volatile long workerId;

  private static ExecutorService worker = newWorker();

  private FuzzContract() {}

  public interface Body {
    void run() throws Exception;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-worker");
      t.setDaemon(true);
      workerId = t.getId();
      return t;
    });
  }

  /** Runs {@code body}; fails unless it returns or throws {@link DrydockException} or one of {@code documented}. */
  @SafeVarargs
  public static synchronized void holds(Body body, Class<? extends Throwable>... documented) {
    java.util.concurrent.atomic.AtomicLong cpuStart = new java.util.concurrent.atomic.AtomicLong(-1);
    Future<?> f = worker.submit(() -> {
      cpuStart.set(THREADS.getCurrentThreadCpuTime());
      body.run();
      return null;
    });
    long wallStart = System.nanoTime();
    try {
      while (true) {
        try {
          f.get(100, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          long started = cpuStart.get();
          long cpu = started < 0 ? 0 : THREADS.getThreadCpuTime(workerId) - started;
          long wall = System.nanoTime() - wallStart;
          if (cpu > TimeUnit.SECONDS.toNanos(SECONDS_PER_INPUT)
              || wall > TimeUnit.SECONDS.toNanos(WALL_SECONDS_PER_INPUT)) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError("no result after " + cpu / 1_000_000 + " ms of CPU time (" + wall / 1_000_000
                + " ms) on one input: a hang or super-linear time");
          }
        }
      }
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
