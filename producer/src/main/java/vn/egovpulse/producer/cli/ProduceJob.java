package vn.egovpulse.producer.cli;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.Progress;
import vn.egovpulse.producer.run.RunResult;

/** What {@code produce}'s console needs of a scenario run or a replay, and its progress line. */
record ProduceJob(
    String name,
    long plannedEvents,
    OffsetDateTime simulatedStart,
    OffsetDateTime simulatedEnd,
    Speed speed,
    double scale,
    String runId,
    String bootstrapServers,
    Supplier<RunResult> run,
    Supplier<Progress> progress,
    Runnable stop,
    Supplier<Optional<Exception>> groundTruthError) {
  private static final DateTimeFormatter SIMULATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  /**
   * One progress line: simulated date, % of the planned events sent, counts, events/s and the
   * estimated wall time left (at a finite speed the simulated time left over the speed, since the
   * run keeps to the schedule; at max the events left over the current rate).
   */
  String describe(Progress progress) {
    long planned = plannedEvents;
    double percent = planned > 0 ? 100.0 * progress.eventsSent() / planned : 100.0;
    Duration eta;
    if (!speed.isMax()) {
      long simulatedLeft = Duration.between(progress.simulatedTime(), simulatedEnd).toMillis();
      eta = Duration.ofMillis((long) (Math.max(0, simulatedLeft) / speed.factor()));
    } else if (progress.eventsPerSecond() > 0) {
      long left = Math.max(0, planned - progress.eventsSent());
      eta = Duration.ofMillis((long) (left * 1000.0 / progress.eventsPerSecond()));
    } else {
      eta = null;
    }
    return String.format(
        "sim %s  %.1f%%  sent %,d (dossiers %,d, logins %,d)  acked %,d  errors %,d  %,.0f ev/s"
            + "  ETA %s%s",
        SIMULATED.format(progress.simulatedTime()),
        Math.min(100.0, percent),
        progress.eventsSent(),
        progress.dossiersSent(),
        progress.loginsSent(),
        progress.acknowledged(),
        progress.errors(),
        progress.eventsPerSecond(),
        progress.finished() ? "0:00:00" : eta == null ? "?" : hours(eta),
        progress.resumeFrom() < 0 ? "" : "  resume-from " + progress.resumeFrom());
  }

  /** {@code H:MM:SS}. */
  static String hours(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
