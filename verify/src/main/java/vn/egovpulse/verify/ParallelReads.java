package vn.egovpulse.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a check's reads (each topic into the {@link Ledger}) on as many threads as there are cores:
 * reading is decoding, one core per topic, and a check after a long replay reads millions of
 * records from each side.
 */
public final class ParallelReads {
  private ParallelReads() {}

  /**
   * Runs every read and waits for all of them; the first failure is rethrown as it was thrown (an
   * unchecked exception) once the others have ended.
   */
  public static void run(List<Runnable> reads) throws InterruptedException {
    int threads = Math.max(1, Math.min(reads.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "egov-pulse-check-read");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      reads.forEach(read -> running.add(pool.submit(read)));
      RuntimeException failed = null;
      for (Future<?> read : running) {
        try {
          read.get();
        } catch (ExecutionException e) {
          if (failed == null) {
            failed =
                e.getCause() instanceof RuntimeException unchecked
                    ? unchecked
                    : new IllegalStateException(e.getCause());
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
