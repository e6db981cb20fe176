package vn.egovpulse.streams.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How late and how early a unit's events may come, judged against that unit's own event-time
 * progress (see {@link UnitAggregator}, where each rule is enforced).
 *
 * @param minuteGrace how long after a minute ends (in the unit's event time) the minute still takes
 *     the unit's late events; later ones count in the day only
 * @param dayGrace how long after a local day ends (in the unit's event time) the day still takes
 *     the unit's late events (backfills); later ones are dead letters (LATE)
 * @param aheadOfStream how far ahead of both its unit's progress and the stream's an event may be;
 *     further ones are dead letters (AHEAD_OF_STREAM) unless another unit corroborates the time
 */
public record DeliveryRules(Duration minuteGrace, Duration dayGrace, Duration aheadOfStream) {
  /**
   * One minute: long enough for the shuffle of one sync batch (seconds to a minute), short enough
   * that the live view's minutes settle within a minute of the unit's time.
   */
  public static final Duration DEFAULT_MINUTE_GRACE = Duration.ofMinutes(1);

  /**
   * One day: a source system that syncs the previous day's backlog the next day (a nightly batch, a
   * morning after an outage) still counts in that day's published figure. It is also what the
   * duplicate check remembers, so it sets the memory of ids: about two days of a unit's ids.
   */
  public static final Duration DEFAULT_DAY_GRACE = Duration.ofDays(1);

  /**
   * One hour: a source system whose clock runs an hour or more ahead of everything else is wrong,
   * not early; the sync delays seen between real source systems are behind, not ahead.
   */
  public static final Duration DEFAULT_AHEAD_OF_STREAM = Duration.ofHours(1);

  public static final DeliveryRules DEFAULTS =
      new DeliveryRules(DEFAULT_MINUTE_GRACE, DEFAULT_DAY_GRACE, DEFAULT_AHEAD_OF_STREAM);

  public DeliveryRules {
    Objects.requireNonNull(minuteGrace, "minuteGrace");
    Objects.requireNonNull(dayGrace, "dayGrace");
    Objects.requireNonNull(aheadOfStream, "aheadOfStream");
    if (minuteGrace.isNegative()) {
      throw new IllegalArgumentException("minute grace must not be negative, was " + minuteGrace);
    }
    if (dayGrace.isNegative()) {
      throw new IllegalArgumentException("day grace must not be negative, was " + dayGrace);
    }
    if (aheadOfStream.isNegative() || aheadOfStream.isZero()) {
      throw new IllegalArgumentException(
          "ahead-of-stream bound must be positive, was " + aheadOfStream);
    }
  }

  public DeliveryRules withMinuteGrace(Duration value) {
    return new DeliveryRules(value, dayGrace, aheadOfStream);
  }

  public DeliveryRules withDayGrace(Duration value) {
    return new DeliveryRules(minuteGrace, value, aheadOfStream);
  }

  public DeliveryRules withAheadOfStream(Duration value) {
    return new DeliveryRules(minuteGrace, dayGrace, value);
  }
}
