package vn.egovpulse.producer.run;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A snapshot of a run for a live console.
 *
 * @param simulatedTime the event time of the last event handed to the producer (the start before
 *     any)
 * @param acknowledged records the broker confirmed so far
 * @param eventsPerSecond events handed over per wall second since the previous snapshot (since the
 *     start for the first one)
 * @param resumeFrom the index a run resuming this one would start at: every event before it is
 *     acknowledged (-1 when not tracked, as in a replay)
 */
public record Progress(
    OffsetDateTime simulatedTime,
    long dossiersSent,
    long loginsSent,
    long acknowledged,
    long errors,
    double eventsPerSecond,
    Duration wallElapsed,
    boolean finished,
    long resumeFrom) {

  public long eventsSent() {
    return dossiersSent + loginsSent;
  }
}
