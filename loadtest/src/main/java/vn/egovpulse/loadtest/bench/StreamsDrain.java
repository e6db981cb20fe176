package vn.egovpulse.loadtest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import vn.egovpulse.local.ConsumerCatchUp;

/**
 * Times one Kafka Streams job (a {@link StreamsJob} child JVM) draining the pre-loaded input
 * topics: from its first assignment ({@code RUNNING} on its stdout) to the first moment its group
 * has committed every input record and every record of its repartition topics (lag 0, polled every
 * 50 ms), then stops it.
 */
final class StreamsDrain {
  private static final Duration POLL = Duration.ofMillis(50);

  /** What one drain measured. */
  record Result(
      String job, long records, double seconds, double recordsPerSecond, List<String> stdout) {}

  private StreamsDrain() {}

  /**
   * @param name the child's name (its log file)
   * @param mode {@code minimal} or {@code full}
   */
  static Result run(
      ChildJvm jvm,
      Admin admin,
      String name,
      String mode,
      String bootstrapServers,
      long records,
      int threads,
      List<String> extraJvmOptions,
      Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    String applicationId = "bench-" + mode + "-" + System.currentTimeMillis();
    Path stateDir = jvm.workDir().resolve(applicationId + "-state");
    try (ChildJvm.Child child =
        jvm.start(
            name,
            extraJvmOptions,
            StreamsJob.class.getName(),
            List.of(
                mode,
                bootstrapServers,
                applicationId,
                stateDir.toString(),
                Integer.toString(threads)))) {
      long start = child.awaitLine(StreamsJob.RUNNING::equals, Duration.ofMinutes(3)).nanos();
      long deadline = start + timeout.toNanos();
      long drained;
      while (true) {
        long lag = ConsumerCatchUp.lag(admin, applicationId, StreamsJob.INPUT_TOPICS);
        long now = System.nanoTime();
        if (lag == 0) {
          drained = now;
          break;
        }
        if (now > deadline) {
          throw new TimeoutException(
              mode + " job still " + lag + " records behind after " + timeout);
        }
        Thread.sleep(POLL.toMillis()); // polling with a deadline
      }
      // not timed: the last updates leave at the next emission and commit, before the outputs
      // are read back
      ConsumerCatchUp.await(admin, applicationId, StreamsJob.INPUT_TOPICS, timeout);
      List<String> stdout = child.stop(Duration.ofSeconds(60));
      double seconds = (drained - start) / 1e9;
      return new Result(mode, records, seconds, records / seconds, stdout);
    }
  }

  /** streams-app's events held at the end ({@code HELD n}). */
  static long held(Result full) {
    return full.stdout().stream()
        .filter(line -> line.startsWith(StreamsJob.HELD_PREFIX))
        .mapToLong(line -> Long.parseLong(line.substring(StreamsJob.HELD_PREFIX.length())))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("streams-app printed no held count"));
  }

  /** The minimal job's own count of the records it read ({@code PROCESSED n}). */
  static long processed(Result minimal) {
    return minimal.stdout().stream()
        .filter(line -> line.startsWith(StreamsJob.PROCESSED_PREFIX))
        .mapToLong(line -> Long.parseLong(line.substring(StreamsJob.PROCESSED_PREFIX.length())))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the minimal job printed no count"));
  }
}
