package vn.egovpulse.producer.run;

import java.time.Duration;

/**
 * What a {@link SendLoop} did: the figures a {@link RunResult} or a load run's result is made of.
 *
 * @param firstError the first delivery error's message, or null
 * @param sendEndMicros when the last send was handed over (before the flush), epoch micros
 * @param wallEndMicros when every send was acknowledged or failed (the flush returned)
 * @param maxLagMicros the furthest behind its intended time a paced send went out (0 unpaced)
 * @param exhausted whether the sends ran out before the limit or the time
 * @param resumeFrom the first event index not known to be acknowledged, -1 when not tracked
 */
public record SendOutcome(
    long dossiersSent,
    long loginsSent,
    long dossiersAcked,
    long loginsAcked,
    long errors,
    String firstError,
    long wallStartMicros,
    long sendEndMicros,
    long wallEndMicros,
    long maxLagMicros,
    boolean stopped,
    boolean exhausted,
    long resumeFrom) {

  public long eventsSent() {
    return dossiersSent + loginsSent;
  }

  /** Not stopped, no error, every send acknowledged: the ground truth of the sends is known. */
  public boolean complete() {
    return !stopped
        && firstError == null
        && errors == 0
        && dossiersAcked + loginsAcked == eventsSent();
  }

  public Duration wallTime() {
    return Duration.ofNanos((wallEndMicros - wallStartMicros) * 1000);
  }
}
