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
 * @param firstEvent the index of the first event the run sent (0 unless it resumed another run)
 * @param resumeFrom the recorded position: the index of the first event that is not known to be
 *     acknowledged (every event in [firstEvent, resumeFrom) is). A run with {@code --from-event
 *     resumeFrom} continues this one with nothing lost and nothing sent twice; it equals the
 *     planned count when the run finished. -1 when not tracked (a replay)
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
    boolean stopped,
    long firstEvent,
    long resumeFrom) {

  /** What a run that sent from event {@code firstEvent} on did, from what its loop did. */
  static RunResult of(
      String runId,
      String scenario,
      SendOutcome sent,
      OffsetDateTime simulatedStart,
      OffsetDateTime simulatedEnd,
      long firstEvent) {
    return new RunResult(
        runId,
        scenario,
        sent.dossiersSent(),
        sent.loginsSent(),
        sent.dossiersAcked(),
        sent.loginsAcked(),
        sent.errors(),
        sent.firstError(),
        sent.wallTime(),
        simulatedStart,
        simulatedEnd,
        sent.stopped(),
        firstEvent,
        sent.resumeFrom());
  }

  public long eventsSent() {
    return dossiersSent + loginsSent;
  }

  public double eventsPerSecond() {
    double seconds = wallTime.toNanos() / 1e9;
    return seconds > 0 ? eventsSent() / seconds : 0;
  }
}
