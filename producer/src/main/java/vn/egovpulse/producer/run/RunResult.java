package vn.egovpulse.producer.run;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * What a run did.
 *
 * @param simulatedEnd the simulated time reached: the run's end, or the last event's time when
 *     stopped
 * @param errors records the producer could not deliver
 * @param firstError the first delivery error's message, or null
 * @param stopped whether {@link ScenarioRun#stop()} ended the run early
 */
public record RunResult(
    String runId,
    String scenario,
    long dossiersSent,
    long loginsSent,
    long dossiersAcked,
    long loginsAcked,
    long errors,
    String firstError,
    Duration wallTime,
    OffsetDateTime simulatedStart,
    OffsetDateTime simulatedEnd,
    boolean stopped) {

  public long eventsSent() {
    return dossiersSent + loginsSent;
  }

  public double eventsPerSecond() {
    double seconds = wallTime.toNanos() / 1e9;
    return seconds > 0 ? eventsSent() / seconds : 0;
  }
}
