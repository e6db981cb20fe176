package vn.egovpulse.streams.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;

/**
 * Where an input record came from, for its dead letter. A record rerouted to its unit's partition
 * carries its origin in headers, so its dead letter points at the input record, not at the
 * repartition topic.
 */
record SourceRef(String topic, int partition, long offset, long timestamp, String key) {
  private static final String ORIGIN = "egov-origin";
  private static final String ORIGIN_KEY = "egov-origin-key";

  static SourceRef of(
      Optional<RecordMetadata> metadata, long timestamp, String key, Headers headers) {
    Header origin = headers.lastHeader(ORIGIN);
    if (origin != null) {
      ByteBuffer buffer = ByteBuffer.wrap(origin.value());
      int partition = buffer.getInt();
      long offset = buffer.getLong();
      long originTimestamp = buffer.getLong();
      byte[] topic = new byte[buffer.remaining()];
      buffer.get(topic);
      Header originKey = headers.lastHeader(ORIGIN_KEY);
      return new SourceRef(
          new String(topic, StandardCharsets.UTF_8),
          partition,
          offset,
          originTimestamp,
          originKey == null ? null : new String(originKey.value(), StandardCharsets.UTF_8));
    }
    return metadata
        .map(m -> new SourceRef(m.topic(), m.partition(), m.offset(), timestamp, key))
        .orElse(new SourceRef("unknown", -1, -1, timestamp, key));
  }

  /** The dead letter of the record that came from here, with at most a bounded cut of it. */
  DeadLetter deadLetter(DeadLetterReason reason, String detail, byte[] raw) {
    return DeadLetter.of(reason, detail, topic, partition, offset, timestamp, key, raw);
  }

  /** Records this origin on a record about to be rerouted. */
  void addTo(Headers headers) {
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    headers.add(
        ORIGIN,
        ByteBuffer.allocate(Integer.BYTES + 2 * Long.BYTES + name.length)
            .putInt(partition)
            .putLong(offset)
            .putLong(timestamp)
            .put(name)
            .array());
    if (key != null) {
      headers.add(ORIGIN_KEY, key.getBytes(StandardCharsets.UTF_8));
    }
  }
}
