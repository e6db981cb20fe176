package vn.egovpulse.events;

import java.util.Arrays;
import java.util.Base64;

/**
 * A record streams-app could not count (topic {@code egov.dead-letters}), with enough to find and
 * replay it: where it came from and its original bytes, cut to a bound.
 *
 * <p>Build it with {@link #of}: a dead letter must always fit the broker's {@code
 * max.message.bytes} (1 MiB by default), or writing it fails and the stream stops on the record
 * that caused it (measured: a 900 KB record, valid for the broker, made a 1.2 MB dead letter in
 * base64, and the stream thread failed on it again after every restart). {@code of} keeps at most
 * {@link #MAX_PAYLOAD_BYTES} of the value, {@link #MAX_DETAIL_CHARS} of the detail and {@link
 * #MAX_TEXT_CHARS} of the key and topic, so its JSON stays below {@link #MAX_JSON_BYTES} whatever
 * the record was.
 *
 * @param v the schema version, {@link #VERSION}
 * @param detail the human-readable error, naming the field where there is one; a cut detail ends
 *     with {@code "… [N chars in all]"}
 * @param timestamp the source record's timestamp (epoch ms)
 * @param key the source record's key as UTF-8 text, or null; its first {@link #MAX_TEXT_CHARS}
 *     characters when {@code keyTruncated}
 * @param keyTruncated whether {@code key} is only the beginning of the source record's key
 * @param payloadBase64 the source record's value in base64, byte for byte, or its first {@link
 *     #MAX_PAYLOAD_BYTES} when {@code payloadTruncated}; null for a null value
 * @param payloadBytes the length of the source record's value in bytes (0 for a null value), also
 *     when only its beginning is kept
 * @param payloadTruncated whether {@code payloadBase64} holds only the beginning of the value: such
 *     a dead letter tells what the record was, but cannot replay it
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
    boolean keyTruncated,
    String payloadBase64,
    int payloadBytes,
    boolean payloadTruncated) {

  /** 2 since {@code keyTruncated}, {@code payloadBytes} and {@code payloadTruncated}. */
  public static final int VERSION = 2;

  /**
   * 16 KiB of the original value: as much as the gate's default OVERSIZED limit (an honest event is
   * ~300 bytes), so every record the gate did not refuse for its size keeps all its bytes and can
   * be replayed from its dead letter, while an oversized one keeps enough to see what it was. In
   * base64 that is 21,848 characters, a fiftieth of the broker's limit.
   */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024;

  /**
   * The detail is one line naming a field and a value (~100 characters); 2,000 leave room for a
   * long exception message and still cost at most 12 KB of JSON (6 bytes for an escaped control
   * character).
   */
  public static final int MAX_DETAIL_CHARS = 2000;

  /** Keys are unit codes of a few characters, topic names at most 249 (Kafka's own limit). */
  public static final int MAX_TEXT_CHARS = 256;

  /**
   * What the JSON of a dead letter built by {@link #of} never exceeds, with every field at its
   * bound and every character escaped (~37 KB); the broker's default limit is 1 MiB.
   */
  public static final int MAX_JSON_BYTES = 64 * 1024;

  public DeadLetter {
    Fields.version(v, VERSION);
    Fields.required(reason, "reason");
    Fields.required(detail, "detail");
    Fields.required(topic, "topic");
    Fields.nonNegative(payloadBytes, "payloadBytes");
    Fields.check(
        !payloadTruncated || payloadBase64 != null,
        "payloadBase64",
        "is required when payloadTruncated");
  }

  /**
   * The dead letter of a source record, with the value, detail, key and topic cut to their bounds
   * (see {@link DeadLetter}).
   *
   * @param key the source record's key as text, or null
   * @param raw the source record's value, or null
   */
  public static DeadLetter of(
      DeadLetterReason reason,
      String detail,
      String topic,
      int partition,
      long offset,
      long timestamp,
      String key,
      byte[] raw) {
    String boundedKey = cut(key, MAX_TEXT_CHARS);
    boolean payloadTruncated = raw != null && raw.length > MAX_PAYLOAD_BYTES;
    byte[] kept = payloadTruncated ? Arrays.copyOf(raw, MAX_PAYLOAD_BYTES) : raw;
    return new DeadLetter(
        VERSION,
        reason,
        boundedDetail(detail),
        cut(topic, MAX_TEXT_CHARS),
        partition,
        offset,
        timestamp,
        boundedKey,
        key != null && boundedKey.length() < key.length(),
        kept == null ? null : Base64.getEncoder().encodeToString(kept),
        raw == null ? 0 : raw.length,
        payloadTruncated);
  }

  private static String boundedDetail(String detail) {
    if (detail == null || detail.length() <= MAX_DETAIL_CHARS) {
      return detail;
    }
    String marker = "… [" + detail.length() + " chars in all]";
    return cut(detail, MAX_DETAIL_CHARS - marker.length()) + marker;
  }

  /** At most {@code max} chars, never half of a surrogate pair. */
  private static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
