package vn.egovpulse.events;

/**
 * A record streams-app could not count (topic {@code egov.dead-letters}), with enough to find and
 * replay it: where it came from and its original bytes.
 *
 * @param detail the human-readable error, naming the field where there is one
 * @param timestamp the source record's timestamp (epoch ms)
 * @param key the source record's key as UTF-8 text, or null
 * @param payloadBase64 the source record's value, byte for byte, in base64; null for a null value
 */
public record DeadLetter(
    int v,
    DeadLetterReason reason,
    String detail,
    String topic,
    int partition,
    long offset,
    long timestamp,
    String key,
    String payloadBase64) {

  public static final int VERSION = 1;

  /** TEMPORARY until the bounded factory lands: embeds everything. */
  public static DeadLetter of(
      DeadLetterReason reason,
      String detail,
      String topic,
      int partition,
      long offset,
      long timestamp,
      String key,
      byte[] raw) {
    return new DeadLetter(
        VERSION,
        reason,
        detail,
        topic,
        partition,
        offset,
        timestamp,
        key,
        raw == null ? null : java.util.Base64.getEncoder().encodeToString(raw));
  }

  public DeadLetter {
    Fields.version(v, VERSION);
    Fields.required(reason, "reason");
    Fields.required(detail, "detail");
    Fields.required(topic, "topic");
  }
}
