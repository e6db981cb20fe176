package vn.egovpulse.streams.metrics;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateAccess} through interactive queries: only the partitions this instance owns.
 *
 * @param self this instance's {@code application.server}
 */
public record KafkaStreamsState(KafkaStreams streams, HostInfo self) implements StateAccess {

  @Override
  public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
  }

  @Override
  public boolean ownsKey(String store, String key) {
    KeyQueryMetadata metadata =
        streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    HostInfo active = metadata == null ? null : metadata.activeHost();
    return active == null || active.port() < 0 || active.equals(self);
  }
}
