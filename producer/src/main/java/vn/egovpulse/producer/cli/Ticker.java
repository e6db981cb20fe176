package vn.egovpulse.producer.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A console line every few seconds from a daemon thread, until closed: the progress of {@code
 * produce}, {@code local} and {@code load}.
 */
public final class Ticker implements AutoCloseable {
  private final ScheduledExecutorService executor;

  private Ticker(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Runs {@code line} every {@code seconds} (first after one period); 0 or less runs nothing. */
  public static Ticker every(String threadName, int seconds, Runnable line) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, threadName);
              thread.setDaemon(true);
              return thread;
            });
    if (seconds > 0) {
      executor.scheduleAtFixedRate(line, seconds, seconds, TimeUnit.SECONDS);
    }
    return new Ticker(executor);
  }

  /** No further lines; one being printed is interrupted. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
