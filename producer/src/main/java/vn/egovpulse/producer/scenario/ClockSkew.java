package vn.egovpulse.producer.scenario;

/**
 * A source system whose clock runs ahead (a delivery model): a share of its events is stamped
 * {@code minutes} late in the future — their {@code eventTime} field and record timestamp moved
 * ahead — while they are still sent when they happen. The only delivery model that changes an
 * event's content.
 *
 * @param share the share of the unit's events stamped ahead, within (0,1]
 * @param minutes how far ahead, within [1, 10080] (a week)
 */
public record ClockSkew(double share, int minutes) {
  public ClockSkew {
    InvalidFieldException.check(
        share > 0 && share <= 1, "share", "must be within (0,1], was " + share);
    InvalidFieldException.check(
        minutes >= 1 && minutes <= DeliveryRule.MAX_MINUTES,
        "minutes",
        "must be within [1, " + DeliveryRule.MAX_MINUTES + "], was " + minutes);
  }

  public long millis() {
    return minutes * 60_000L;
  }
}
