package vn.egovpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;
import vn.egovpulse.streams.topology.TopologySettings;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;

/**
 * An output the broker refuses, through a real broker and the real app under at-least-once: the
 * dead-letters topic takes at most 4,096 bytes a record, so the (bounded, ~22 KB) dead letter of an
 * oversized dossier is refused. The production exception handler logs and counts it in {@code
 * egov_unwritten_records_total{topic,error}} and the stream goes on: the dossiers after it count.
 * Under exactly-once the producer aborts the whole transaction on a refused write whatever a
 * handler answers (see {@code ProductionErrorHandler}), so this holds for at-least-once only.
 */
class UnwritableOutputIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final JsonSerde<DossierEvent> JSON = JsonSerde.of(DossierEvent.class);

  @Test
  void aRecordTheBrokerRefusesIsCountedAndTheStreamGoesOn() throws Exception {
    kafka.createTopics(Topics.all());
    ConfigResource deadLetters =
        new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEAD_LETTERS.name());
    kafka
        .admin()
        .incrementalAlterConfigs(
            Map.of(
                deadLetters,
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get();
    LocalDate date = LocalDate.of(2024, 5, 15);
    OffsetDateTime nine = date.atTime(9, 0).atOffset(WindowKind.VIETNAM);
    Unit province = AdminDivisions.standard().provinces(date).get(0);
    String key = province.code();

    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-unwritable")
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state"))
            .with(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, ProcessingGuarantee.AT_LEAST_ONCE)
            .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings);
        KafkaProducer<String, byte[]> producer = producer()) {
      app.awaitRunning(DEADLINE);
      String oversized =
          json(dossier(province, "template", nine))
              .replace(
                  "\"id\":\"template\"",
                  "\"id\":\"" + "x".repeat(2 * TopologySettings.DEFAULT_MAX_RECORD_BYTES) + "\"");
      send(producer, key, nine, oversized.getBytes(StandardCharsets.UTF_8));
      int good = 20;
      for (int i = 0; i < good; i++) {
        OffsetDateTime time = nine.plusSeconds(i + 1);
        send(
            producer,
            key,
            time,
            json(dossier(province, "after-" + i, time)).getBytes(StandardCharsets.UTF_8));
      }

      String dayKey =
          OnlineRateUpdate.key(
              Scope.NATIONAL,
              "NATIONAL",
              date.atStartOfDay().atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli());
      long counted = 0;
      int deadLettersWritten = 0;
      String unwritten =
          "egov_unwritten_records_total{error=\"RecordTooLargeException\",topic=\""
              + Topics.DEAD_LETTERS.name()
              + "\"} 1.0";
      String metrics = "";
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(List.of(Topics.DEAD_LETTERS.name(), Topics.ONLINE_RATE_DAY.name()));
        Instant deadline = Instant.now().plus(DEADLINE);
        while ((counted < good || !metrics.contains(unwritten))
            && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
              deadLettersWritten++;
            } else if (record.key().equals(dayKey)) {
              counted =
                  Topics.ONLINE_RATE_DAY
                      .valueSerde()
                      .deserializer()
                      .deserialize(record.topic(), record.value())
                      .counts()
                      .total();
            }
          }
          metrics = get("http://127.0.0.1:" + app.metricsPort() + "/metrics");
        }
      }

      assertThat(counted).as("every dossier after the refused record counted").isEqualTo(good);
      assertThat(metrics).as("the refused dead letter is counted").contains(unwritten);
      assertThat(deadLettersWritten).as("the broker refused it").isZero();
      assertThat(app.streams().state().isRunningOrRebalancing())
          .as("the stream never stops")
          .isTrue();
    }
  }

  private static DossierEvent dossier(Unit province, String id, OffsetDateTime time) {
    return new DossierEvent(
        1,
        id,
        time,
        province.authority(),
        province.code(),
        "P1",
        Channel.ONLINE_END_TO_END,
        AuthMethod.VNEID,
        null);
  }

  private static String json(DossierEvent event) {
    return new String(JSON.toBytes(event), StandardCharsets.UTF_8);
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String key, OffsetDateTime time, byte[] value)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.DOSSIERS.name(), null, time.toInstant().toEpochMilli(), key, value))
        .get();
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "unwritable-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private static String get(String url) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }
}
