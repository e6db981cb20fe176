package vn.egovpulse.producer.run;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * What a run did.
 *
 * @param sent what its send loop did: the counts ({@link SendTotals}), the wall time, whether it
 *     was stopped
 * @param simulatedEnd the simulated time reached: the run's end, or the last event's time when
 *     stopped
 * @param firstEvent the index of the first event the run sent (0 unless it resumed another run)
 */
public record RunResult(
    String runId,
    String scenario,
    SendOutcome sent,
    OffsetDateTime simulatedStart,
    OffsetDateTime simulatedEnd,
    long firstEvent)
    implements SendTotals {

  public Duration wallTime() {
    return sent.wallTime();
  }

  /**
   * The recorded position: the index of the first event that is not known to be acknowledged (every
   * event in [firstEvent, resumeFrom) is). A run with {@code --from-event resumeFrom} continues
   * this one with nothing lost and nothing sent twice; it equals the planned count when the run
   * finished. -1 when not tracked (a replay)
   */
  public long resumeFrom() {
    return sent.resumeFrom();
  }

  public double eventsPerSecond() {
    double seconds = wallTime().toNanos() / 1e9;
    return seconds > 0 ? eventsSent() / seconds : 0;
  }
}
