package vn.egovpulse.streams.metrics;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to the topology's local state stores: interactive queries on a running {@code
 * KafkaStreams}, or a test driver's stores. Every method may throw {@code
 * InvalidStateStoreException} while the stores are not queryable (starting, rebalancing).
 */
public interface StateAccess {
  <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name);

  /**
   * Whether this instance holds the active copy of {@code key} in a store keyed by String. True
   * when it cannot be told (a single instance owns everything anyway).
   */
  boolean ownsKey(String store, String key);
}
