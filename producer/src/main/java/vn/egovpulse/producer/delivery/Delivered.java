package vn.egovpulse.producer.delivery;

import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * One send of an event, as the delivery model schedules it.
 *
 * @param event what is sent: the generator's event, or for a clock-skewed one the same event
 *     stamped {@code skewMillis} later (content and record timestamp)
 * @param sendAtMillis the simulated moment it is sent; the pacer maps it to wall time
 * @param copy whether this is the second, identical send of a duplicated event
 * @param skewMillis how far the delivery model moved its event time ahead (0 for most events)
 */
public record Delivered(OutgoingEvent event, long sendAtMillis, boolean copy, long skewMillis) {

  /** The event as generated, sent at its event time. */
  public static Delivered asGenerated(OutgoingEvent event) {
    return new Delivered(event, event.eventTimeMillis(), false, 0);
  }

  /** The event time the generator gave the event, before any skew. */
  public long generatedTimeMillis() {
    return event.eventTimeMillis() - skewMillis;
  }
}
