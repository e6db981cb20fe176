package vn.egovpulse.producer.replay;

import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.topics.Topics;

/**
 * One line of a recording: where the event went, its key, its record timestamp (event time) and its
 * JSON value bytes, exactly as sent.
 *
 * @param key may be null
 * @param value the JSON object's bytes; not copied, do not modify
 */
public record RecordedEvent(String topic, String key, long timestampMillis, byte[] value) {

  public static RecordedEvent of(OutgoingEvent event) {
    return new RecordedEvent(event.topic(), event.key(), event.eventTimeMillis(), event.value());
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
