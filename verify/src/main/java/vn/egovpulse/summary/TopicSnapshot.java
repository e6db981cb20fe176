package vn.egovpulse.summary;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.egovpulse.topics.Topic;

/**
 * Reads an aggregate topic from the beginning to its current end and keeps the last value of each
 * key: the table that the update stream describes. Committed records only (streams-app writes with
 * exactly-once transactions), and no consumer group, so reading leaves no trace.
 */
public final class TopicSnapshot {
  private TopicSnapshot() {}

  public static <V> Map<String, V> latestByKey(
      String bootstrapServers,
      Map<String, String> clientProperties,
      Topic<String, V> topic,
      Duration timeout) {
    Map<String, V> latest = new LinkedHashMap<>();
    readAll(
        bootstrapServers,
        clientProperties,
        topic,
        timeout,
        record -> {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        });
    return latest;
  }

  /** How many records the topic holds now (committed ones). */
  public static <V> long count(
      String bootstrapServers,
      Map<String, String> clientProperties,
      Topic<String, V> topic,
      Duration timeout) {
    long[] count = {0};
    readAll(bootstrapServers, clientProperties, topic, timeout, record -> count[0]++);
    return count[0];
  }

  /** Hands every committed record, from the beginning to the current end, to {@code sink}. */
  public static <V> void readAll(
      String bootstrapServers,
      Map<String, String> clientProperties,
      Topic<String, V> topic,
      Duration timeout,
      Consumer<ConsumerRecord<String, V>> sink) {
    readAll(
        bootstrapServers,
        clientProperties,
        topic.name(),
        topic.valueSerde().deserializer(),
        timeout,
        sink);
  }

  /**
   * The same, each value read by {@code values}: a reader that needs only part of a value (a check
   * compares counts, not names) need not decode the rest.
   */
  public static <V> void readAll(
      String bootstrapServers,
      Map<String, String> clientProperties,
      String topic,
      Deserializer<V> values,
      Duration timeout,
      Consumer<ConsumerRecord<String, V>> sink) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      // a long topic may take longer than the timeout to read: give up only when it stalls
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end: nothing came for " + timeout);
        }
        ConsumerRecords<String, V> records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          records.forEach(sink);
          deadline = System.nanoTime() + timeout.toNanos();
        }
      }
    }
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
