package vn.egovpulse.streams.topology;

import org.apache.kafka.streams.state.KeyValueStore;
import vn.egovpulse.events.DeadLetterReason;

/**
 * The dead letters of one input per reason, in a local store of the task (transactional with the
 * rest of it under exactly-once), for the metrics to read.
 */
final class DeadLetterCounts {
  private final KeyValueStore<String, Long> store;

  DeadLetterCounts(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  void add(DeadLetterReason reason) {
    Long count = store.get(reason.name());
    store.put(reason.name(), count == null ? 1 : count + 1);
  }
}
