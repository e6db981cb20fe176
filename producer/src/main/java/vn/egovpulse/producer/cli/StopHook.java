package vn.egovpulse.producer.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while a run sends: stop it, then give the command's thread up to a minute, until it counts
 * {@code done} down, to flush, report and close before the JVM exits ({@code produce}, {@code
 * load}). Closing removes the hook unless it is already running.
 */
public final class StopHook implements AutoCloseable {
  private final Thread hook;

  private StopHook(Thread hook) {
    this.hook = hook;
  }

  public static StopHook install(String threadName, Runnable stop, CountDownLatch done) {
    Thread hook =
        new Thread(
            () -> {
              stop.run();
              try {
                done.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            threadName);
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopHook(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it stops the run
    }
  }
}
