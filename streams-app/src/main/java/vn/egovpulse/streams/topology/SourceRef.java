package vn.egovpulse.streams.topology;

import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where an input record came from, for its dead letter. */
record SourceRef(String topic, int partition, long offset, long timestamp, String key) {
  static SourceRef of(Optional<RecordMetadata> metadata, long timestamp, String key) {
    return metadata
        .map(m -> new SourceRef(m.topic(), m.partition(), m.offset(), timestamp, key))
        .orElse(new SourceRef("unknown", -1, -1, timestamp, key));
  }
}
