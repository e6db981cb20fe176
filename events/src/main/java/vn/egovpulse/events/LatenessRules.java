package vn.egovpulse.events;

import java.time.Duration;

/**
 * How late an event may be and still count (the README's "Rules for real-world input"), shared by
 * the aggregation and the producer's ground truth so both apply the same bounds. Per unit U, in the
 * order U's events arrive, with P_U the largest event time U has counted so far:
 *
 * <ul>
 *   <li>an event more than {@code aheadOfStream} ahead of P_U and of the stream's progress is a
 *       dead letter {@code AHEAD_OF_STREAM} and moves no clock;
 *   <li>an event with P_U ≥ the end of its local day (UTC+07:00) + {@code dayGrace} is a dead
 *       letter {@link DeadLetterReason#LATE};
 *   <li>an event whose {@code id} U already counted on the same local day is a duplicate (counted
 *       once, not a dead letter);
 *   <li>otherwise it counts in its day window, and in its minute window only while P_U &lt; the
 *       minute's end + {@code minuteGrace}; then P_U = max(P_U, event time).
 * </ul>
 *
 * @param minuteGrace how long after a minute's end (by the unit's progress) it still counts events
 * @param dayGrace likewise for a local day
 * @param aheadOfStream how far ahead of the progress an event may be stamped
 */
public record LatenessRules(Duration minuteGrace, Duration dayGrace, Duration aheadOfStream) {
  /** 1 minute, 1 day, 1 hour (the broker refuses timestamps 1 h ahead of its clock by default). */
  public static final LatenessRules DEFAULT =
      new LatenessRules(Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofHours(1));

  public LatenessRules {
    Fields.required(minuteGrace, "minuteGrace");
    Fields.required(dayGrace, "dayGrace");
    Fields.required(aheadOfStream, "aheadOfStream");
    Fields.check(!minuteGrace.isNegative(), "minuteGrace", "must not be negative");
    Fields.check(!dayGrace.isNegative(), "dayGrace", "must not be negative");
    Fields.check(!aheadOfStream.isNegative(), "aheadOfStream", "must not be negative");
  }
}
