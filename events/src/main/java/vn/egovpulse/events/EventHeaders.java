package vn.egovpulse.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Record headers the producer sets on every event and streams-app carries to its aggregates. */
public final class EventHeaders {
  /**
   * When the event was meant to be sent (producer wall clock, epoch microseconds, 8 bytes
   * big-endian). The <em>intended</em> time, not the actual one, so that end-to-end latency
   * includes any lag of the sender behind its schedule (no coordinated omission).
   */
  public static final String SENT_AT = "sent-at";

  /** Identifies one producer run (UTF-8). */
  public static final String RUN_ID = "run-id";

  private EventHeaders() {}

  public static byte[] micros(long epochMicros) {
    return ByteBuffer.allocate(Long.BYTES).putLong(epochMicros).array();
  }

  /** The sent-at header in epoch microseconds, or -1 when absent or malformed. */
  public static long sentAtMicros(Headers headers) {
    if (headers == null) {
      return -1;
    }
    Header header = headers.lastHeader(SENT_AT);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return -1;
    }
    return ByteBuffer.wrap(header.value()).getLong();
  }

  public static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
