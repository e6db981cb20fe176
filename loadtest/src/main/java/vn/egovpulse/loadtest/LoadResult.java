package vn.egovpulse.loadtest;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a load run did.
 *
 * @param plannedEvents the events the plan asked for, or -1 when not known up front ({@code max}
 *     for a duration)
 * @param scheduleMicros how long the plan's schedule lasts from the start, or -1 ({@code max})
 * @param sendMicros from the start to the moment the last event was handed to the producer
 * @param ackedMicros from the start to the moment every event was acknowledged (flush returned)
 * @param maxScheduleLagMicros the furthest behind its schedule the sender was when handing an event
 *     over (0 for {@code max})
 * @param sendLatency microseconds from each event's scheduled send time to its acknowledgement
 *     (coordinated omission corrected: a late send counts its lateness); one value per acknowledged
 *     event
 * @param timeline per wall second from the start: asked, handed over and acknowledged events
 * @param stopped whether {@code stop()} ended the run early
 * @param scenarioExhausted whether the run ran out of scenario events ({@code max} for a duration)
 */
public record LoadResult(
    String runId,
    String plan,
    String scenario,
    double scale,
    long plannedEvents,
    long dossiersSent,
    long loginsSent,
    long dossiersAcked,
    long loginsAcked,
    long errors,
    String firstError,
    long scheduleMicros,
    long sendMicros,
    long ackedMicros,
    long maxScheduleLagMicros,
    Histogram sendLatency,
    List<Second> timeline,
    boolean stopped,
    boolean scenarioExhausted) {

  public LoadResult {
    timeline = List.copyOf(timeline);
  }

  /**
   * One wall second of the run.
   *
   * @param asked events the schedule put in this second (NaN for {@code max})
   * @param sent events handed to the producer in it
   * @param acked events the broker acknowledged in it
   */
  public record Second(int second, double asked, long sent, long acked) {}

  public long eventsSent() {
    return dossiersSent + loginsSent;
  }

  public long eventsAcked() {
    return dossiersAcked + loginsAcked;
  }

  /** Sent and acknowledged the same events, no error, not stopped: the ground truth is known. */
  public boolean complete() {
    return !stopped && errors == 0 && eventsAcked() == eventsSent();
  }

  /** Events per second the plan asked for on average, NaN for {@code max}. */
  public double askedRate() {
    if (plannedEvents < 0 || scheduleMicros <= 0) {
      return Double.NaN;
    }
    return plannedEvents * 1e6 / scheduleMicros;
  }

  /** Acknowledged events per second, from the start to the last acknowledgement. */
  public double achievedRate() {
    return ackedMicros <= 0 ? 0 : eventsAcked() * 1e6 / ackedMicros;
  }
}
