package vn.egovpulse.loadtest.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.streams.StreamsSettings;

/**
 * One simulated day end to end at max speed: {@link LocalRun} (its own in-process broker, topics,
 * streams-app, the producer at {@code --speed max}), timed from the producer's start (when {@link
 * LocalRun#start} returns) to the first moment streams-app has committed every record (lag 0,
 * polled every 50 ms). Start-up (broker, topics, streams-app assignment) is not counted.
 */
final class DayRun {
  /** What the day run measured. */
  record Result(long events, double producerSeconds, double endToEndSeconds) {}

  private DayRun() {}

  static Result run(String scenario, double scale, int threads, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    LocalSettings settings =
        new LocalSettings(
            0,
            null,
            scenario,
            Speed.max(),
            scale,
            "127.0.0.1",
            0,
            -1,
            threads,
            StreamsSettings.DEFAULT_GUARANTEE,
            null,
            null);
    try (LocalRun run = LocalRun.start(settings);
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers()))) {
      long start = System.nanoTime();
      RunResult produced = run.awaitProducer(timeout);
      if (produced.errors() > 0) {
        throw new IllegalStateException("the day's producer had send errors: " + produced);
      }
      long deadline = start + timeout.toNanos();
      while (ConsumerCatchUp.lag(
              admin, StreamsSettings.DEFAULT_APPLICATION_ID, StreamsJob.INPUT_TOPICS)
          > 0) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("streams-app did not catch up with the day within " + timeout);
        }
        Thread.sleep(50); // polling with a deadline
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(
          produced.dossiersAcked() + produced.loginsAcked(),
          produced.wallTime().toNanos() / 1e9,
          seconds);
    }
  }
}
