package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The write-behind store through a real Kafka Streams task (the test driver commits after every
 * input record): what a commit writes to the changelog is the latest state of each changed key,
 * once, including changes made to an object after it was put; reads see the last commit.
 */
class WriteBehindStoreTest {
  private static final String STORE = "chunks";
  private static final String CHANGELOG = "wbs-test-" + STORE + "-changelog";

  /** Input "key=h1,h2,...": puts a chunk, then appends the hashes one by one to the same object. */
  private static final class Writer implements Processor<String, String, Void, Void> {
    private final List<String> readsAfterPut;
    private KeyValueStore<String, IdChunk> store;

    Writer(List<String> readsAfterPut) {
      this.readsAfterPut = readsAfterPut;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, String> record) {
      if (record.value().equals("delete")) {
        store.delete(record.key());
        return;
      }
      IdChunk chunk = new IdChunk(new long[IdMemory.CHUNK], 0);
      store.put(record.key(), chunk);
      for (String hash : record.value().split(",")) {
        chunk.hashes[chunk.size++] = Long.parseLong(hash);
        store.put(record.key(), chunk);
      }
      IdChunk read = store.get(record.key());
      readsAfterPut.add(read == null ? "none" : Integer.toString(read.size));
    }
  }

  private static Topology topology(List<String> readsAfterPut) {
    Topology topology = new Topology();
    topology.addSource("in", "input");
    topology.addProcessor("writer", () -> new Writer(readsAfterPut), "in");
    topology.addStateStore(
        WriteBehindStore.builder(
            Stores.inMemoryKeyValueStore(STORE), StateSerdes.idChunk(), PulseTopology.CHANGELOG),
        "writer");
    return topology;
  }

  private static Properties properties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wbs-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    return props;
  }

  private static List<KeyValue<String, Integer>> changelogSizes(TopologyTestDriver driver) {
    List<KeyValue<String, Integer>> sizes = new ArrayList<>();
    for (TestRecord<String, byte[]> r :
        driver
            .createOutputTopic(CHANGELOG, new StringDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList()) {
      sizes.add(KeyValue.pair(r.key(), r.value() == null ? null : r.value().length / Long.BYTES));
    }
    return sizes;
  }

  @Test
  void eachCommitWritesTheLatestStateOfEachChangedKeyOnce() {
    List<String> readsAfterPut = new ArrayList<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology(readsAfterPut), properties())) {
      var input = driver.createInputTopic("input", new StringSerializer(), new StringSerializer());

      input.pipeInput("a", "1,2,3");
      // four puts of one object, mutated after each: one changelog record, with all three hashes
      assertThat(changelogSizes(driver)).containsExactly(KeyValue.pair("a", 3));
      KeyValueStore<String, IdChunk> store = driver.getKeyValueStore(STORE);
      assertThat(store.get("a").hashes).startsWith(1L, 2L, 3L);

      input.pipeInput("b", "7");
      input.pipeInput("a", "4,5");
      assertThat(changelogSizes(driver))
          .containsExactly(KeyValue.pair("b", 1), KeyValue.pair("a", 2));

      input.pipeInput("a", "delete");
      assertThat(changelogSizes(driver)).containsExactly(KeyValue.pair("a", null));
      assertThat(store.get("a")).isNull();
      assertThat(store.get("b").size).isEqualTo(1);
    }
    // within a record, the reads saw the state of the last commit, not the puts before them
    assertThat(readsAfterPut).containsExactly("none", "none", "3");
  }

  @Test
  void theChangelogIsCreatedWithTheGivenSettings() {
    var builder =
        WriteBehindStore.builder(
            Stores.inMemoryKeyValueStore(STORE), StateSerdes.idChunk(), PulseTopology.CHANGELOG);
    assertThat(builder.loggingEnabled()).isTrue();
    assertThat(builder.logConfig()).containsAllEntriesOf(PulseTopology.CHANGELOG);
    assertThat(builder.name()).isEqualTo(STORE);
    assertThat(Map.copyOf(builder.logConfig())).hasSize(PulseTopology.CHANGELOG.size());
  }
}
