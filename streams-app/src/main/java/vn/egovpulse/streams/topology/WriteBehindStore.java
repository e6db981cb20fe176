package vn.egovpulse.streams.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store whose writes are kept as the objects written until the commit, when each
 * changed key is serialized once into a logged store beneath it (and so into its changelog, in the
 * commit's transaction).
 *
 * <p>Why: the aggregators write their state after every event so that whatever a commit covers is
 * in the store; through Kafka's record cache that meant serializing the whole unit state (and an id
 * chunk) per event, a quarter of the stream threads' time. Kafka Streams flushes every {@link
 * CachedStateStore} at each commit before it commits the transaction, which is exactly when the
 * bytes are needed. The writer keeps mutating the objects it put; only the latest state of each key
 * is serialized.
 *
 * <p>Reads ({@link #get}, {@link #all}, ...) see what the last commit wrote, never the writes
 * since: the processor keeps its own objects (and reads only at start, after a restore), and
 * interactive queries from other threads must not touch objects the stream thread is mutating.
 *
 * <p>Uses two internal Kafka Streams types, as Kafka's own caching store does: {@link
 * CachedStateStore} (the commit's flush) and the record context set for a flush outside any record.
 *
 * <p>About 300 lines because it implements Kafka's {@link KeyValueStore}, {@link CachedStateStore}
 * and {@code StoreBuilder} interfaces in full, most methods a line or two.
 */
final class WriteBehindStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {
  /** A pending delete. */
  private static final Object DELETED = new Object();

  private final KeyValueStore<String, byte[]> committed;
  private final Serde<V> serde;
  private final Map<String, Object> written = new LinkedHashMap<>();
  private StateStoreContext context;

  private WriteBehindStore(KeyValueStore<String, byte[]> committed, Serde<V> serde) {
    this.committed = committed;
    this.serde = serde;
  }

  /** A builder of a logged store over {@code bytes} (in memory or RocksDB) with {@code config}. */
  static <V> StoreBuilder<WriteBehindStore<V>> builder(
      KeyValueBytesStoreSupplier bytes, Serde<V> serde, Map<String, String> changelogConfig) {
    return new Builder<>(bytes, serde, changelogConfig);
  }

  @Override
  public void put(String key, V value) {
    written.put(key, value == null ? DELETED : value);
  }

  @Override
  public V putIfAbsent(String key, V value) {
    V current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<String, V>> entries) {
    entries.forEach(entry -> put(entry.key, entry.value));
  }

  @Override
  public V delete(String key) {
    V current = get(key);
    written.put(key, DELETED);
    return current;
  }

  /** Writes every key changed since the last commit, once: called by Kafka Streams at commit. */
  @Override
  public void flushCache() {
    if (written.isEmpty()) {
      return;
    }
    // the changelog store stamps each write with the current record's timestamp (a commit from the
    // poll loop may come before any record of this task): then the wall clock
    InternalProcessorContext<?, ?> internal =
        context instanceof InternalProcessorContext<?, ?> c ? c : null;
    boolean noRecord = internal != null && internal.recordContext() == null;
    if (noRecord) {
      internal.setRecordContext(
          new ProcessorRecordContext(
              internal.currentSystemTimeMs(), -1, -1, null, new RecordHeaders()));
    }
    for (Map.Entry<String, Object> entry : written.entrySet()) {
      if (entry.getValue() == DELETED) {
        committed.delete(entry.getKey());
      } else {
        @SuppressWarnings("unchecked")
        V value = (V) entry.getValue();
        committed.put(entry.getKey(), serde.serializer().serialize(null, value));
      }
    }
    written.clear();
    if (noRecord) {
      internal.setRecordContext(null);
    }
  }

  /** Drops the writes since the last commit (a task's transaction was aborted). */
  @Override
  public void clearCache() {
    written.clear();
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
    return false; // nothing is forwarded from here
  }

  @Override
  public V get(String key) {
    return read(committed.get(key));
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    return objects(committed.range(from, to));
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(String from, String to) {
    return objects(committed.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return objects(committed.all());
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    return objects(committed.reverseAll());
  }

  @Override
  public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P>
      KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
    return objects(committed.prefixScan(prefix, prefixKeySerializer));
  }

  @Override
  public long approximateNumEntries() {
    return committed.approximateNumEntries();
  }

  @Override
  public String name() {
    return committed.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    this.context = context;
    written.clear();
    committed.init(context, root);
  }

  @Override
  public void flush() {
    committed.flush();
  }

  @Override
  public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
    committed.commit(changelogOffsets);
  }

  @Override
  public void close() {
    written.clear();
    committed.close();
  }

  @Override
  public boolean persistent() {
    return committed.persistent();
  }

  @Override
  public boolean isOpen() {
    return committed.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return QueryResult.forUnknownQueryType(query, this);
  }

  @Override
  public Position getPosition() {
    return committed.getPosition();
  }

  private V read(byte[] bytes) {
    return bytes == null ? null : serde.deserializer().deserialize(null, bytes);
  }

  private KeyValueIterator<String, V> objects(KeyValueIterator<String, byte[]> bytes) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return bytes.hasNext();
      }

      @Override
      public KeyValue<String, V> next() {
        KeyValue<String, byte[]> next = bytes.next();
        return KeyValue.pair(next.key, read(next.value));
      }

      @Override
      public String peekNextKey() {
        return bytes.peekNextKey();
      }

      @Override
      public void close() {
        bytes.close();
      }
    };
  }

  private static final class Builder<V> implements StoreBuilder<WriteBehindStore<V>> {
    private final StoreBuilder<KeyValueStore<String, byte[]>> committed;
    private final Serde<V> serde;

    Builder(KeyValueBytesStoreSupplier bytes, Serde<V> serde, Map<String, String> config) {
      this.committed =
          Stores.keyValueStoreBuilder(bytes, Serdes.String(), Serdes.ByteArray())
              .withCachingDisabled()
              .withLoggingEnabled(config);
      this.serde = serde;
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withCachingEnabled() {
      throw new UnsupportedOperationException("a write-behind store is its own cache");
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withLoggingEnabled(Map<String, String> config) {
      committed.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WriteBehindStore<V>> withLoggingDisabled() {
      throw new UnsupportedOperationException(
          "a write-behind store is restored from its changelog");
    }

    @Override
    public WriteBehindStore<V> build() {
      return new WriteBehindStore<>(committed.build(), serde);
    }

    @Override
    public Map<String, String> logConfig() {
      return committed.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return committed.loggingEnabled();
    }

    @Override
    public String name() {
      return committed.name();
    }
  }
}
