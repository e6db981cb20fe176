package vn.egovpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fixture gives a broker that really stores and serves records, and survives a restart. */
class KafkaFixtureIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  @Test
  void recordsWrittenBeforeARestartAreReadAfterIt() throws Exception {
    kafka.createTopics(List.of("fixture.check"));
    int count = 1000;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>("fixture.check", "k" + i, "v" + i));
      }
      producer.flush();
    }
    if (kafka.isEmbedded()) {
      kafka.embeddedBroker().stop();
      kafka.embeddedBroker().restart();
    }
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fixture-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("fixture.check"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    assertThat(read).hasSize(count);
    assertThat(read).extracting(ConsumerRecord::value).contains("v0", "v999");
  }

  /**
   * The broker applies time-based retention from its start and every second: records stamped with a
   * historical time in a topic that deletes by time are gone within seconds (why every topic of
   * egov-pulse, internal ones included, keeps its records regardless of their timestamps).
   */
  @Test
  void historicalRecordsInATopicThatDeletesByTimeAreDeletedWithinSeconds() throws Exception {
    String topic = "fixture.expiring";
    kafka
        .admin()
        .createTopics(
            List.of(
                new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000"))))
        .all()
        .get(30, TimeUnit.SECONDS);
    long historical = Instant.parse("2024-06-25T02:00:00Z").toEpochMilli();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, 0, historical + i, "k" + i, "v" + i)).get();
      }
    }
    TopicPartition partition = new TopicPartition(topic, 0);
    // shorter than a default broker's 30 s before its first retention check
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long earliest = -1;
    while (System.nanoTime() < deadline) {
      earliest =
          kafka
              .admin()
              .listOffsets(Map.of(partition, OffsetSpec.earliest()))
              .partitionResult(partition)
              .get(10, TimeUnit.SECONDS)
              .offset();
      if (earliest == 10) {
        break;
      }
      Thread.sleep(200); // polling with a deadline
    }
    assertThat(earliest).as("the log start offset: every record deleted").isEqualTo(10);
  }
}
