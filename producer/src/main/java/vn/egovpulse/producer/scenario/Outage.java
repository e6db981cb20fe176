package vn.egovpulse.producer.scenario;

import java.time.OffsetDateTime;

/**
 * A source system's outage (a delivery model): none of its events with an event time in {@code
 * [from, to)} is sent during the outage.
 *
 * @param from the outage's start (an instant; the offset written is kept as given)
 * @param to its end, after {@code from}: when the system comes back and uploads its backlog
 * @param backfill true (the default): the backlog is sent at {@code to}, in event-time order;
 *     false: those events are never sent (the ground truth does not expect them)
 */
public record Outage(OffsetDateTime from, OffsetDateTime to, Boolean backfill) {
  public Outage {
    InvalidFieldException.required(from, "from");
    InvalidFieldException.required(to, "to");
    InvalidFieldException.check(
        to.isAfter(from), "to", "must be after from (" + from + "), was " + to);
    backfill = backfill == null ? Boolean.TRUE : backfill;
  }

  public long fromMillis() {
    return from.toInstant().toEpochMilli();
  }

  public long toMillis() {
    return to.toInstant().toEpochMilli();
  }
}
