package vn.egovpulse.producer.replay;

import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.topics.Topics;

/**
 * One line of a recording: where the event went, its key, its record timestamp (its event time, as
 * stamped), the simulated moment it was sent and its JSON value bytes, exactly as sent.
 *
 * @param key may be null
 * @param sendAtMillis the simulated send moment: the event time, unless a delivery model moved the
 *     send ({@link Delivered#sendAtMillis()}); what a replay paces by
 * @param value the JSON object's bytes; not copied, do not modify
 */
public record RecordedEvent(
    String topic, String key, long timestampMillis, long sendAtMillis, byte[] value) {

  /** An event as sent (a skewed one as stamped), at the simulated moment {@code sendAtMillis}. */
  public static RecordedEvent of(OutgoingEvent event, long sendAtMillis) {
    return new RecordedEvent(
        event.topic(), event.key(), event.eventTimeMillis(), sendAtMillis, event.value());
  }

  /** Whether the send moment differs from the timestamp: only then is it written. */
  public boolean sentOffTime() {
    return sendAtMillis != timestampMillis;
  }

  /** The kind the sender counts it as: a login on the VNeID topic, else a dossier. */
  public OutgoingEvent.Kind kind() {
    return Topics.VNEID_LOGINS.name().equals(topic)
        ? OutgoingEvent.Kind.VNEID_LOGIN
        : OutgoingEvent.Kind.DOSSIER;
  }

  /**
   * As an event for {@code EventSender} (without the typed event, which a replay does not need).
   */
  public OutgoingEvent toOutgoing(long n) {
    return new OutgoingEvent(n, kind(), topic, key, value, timestampMillis, null);
  }
}
