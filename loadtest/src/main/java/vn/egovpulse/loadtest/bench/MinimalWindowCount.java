package vn.egovpulse.loadtest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * The yardstick for streams-app: the least a Kafka Streams job can do with the same input — one
 * 1-minute tumbling count per record key over the raw bytes, no parsing, no other window. Like
 * streams-app it keeps its window store in memory (with a changelog) and runs under the same
 * processing guarantee and commit interval, so the ratio between the two is the cost of the
 * topology itself. (Measured by hand on this 2-core machine: ~350k–370k records/s with 2 threads
 * for such a job on RocksDB, the {@code REFERENCE} figure in {@link Benchmark}.)
 */
final class MinimalWindowCount {
  private MinimalWindowCount() {}

  /**
   * @param processed bumped once per input record (the bench checks every record was read)
   */
  static Topology build(List<String> inputTopics, LongAdder processed) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            inputTopics,
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("bench-minimal-input"))
        .peek((key, value) -> processed.increment(), Named.as("bench-minimal-processed"))
        .groupByKey(Grouped.with("bench-minimal-by-key", Serdes.String(), Serdes.ByteArray()))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
        .count(
            Named.as("bench-minimal-count"),
            Materialized.<String, Long>as(
                    Stores.inMemoryWindowStore(
                        "bench-minimal-minute-counts",
                        Duration.ofHours(1),
                        Duration.ofMinutes(1),
                        false))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()));
    return builder.build();
  }

  static Properties properties(
      String bootstrapServers,
      String applicationId,
      String stateDir,
      int threads,
      String processingGuarantee,
      Duration commitInterval) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    return props;
  }
}
