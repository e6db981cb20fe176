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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
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
 * Every kind of bad record through a real broker and the real app, between good ones: each becomes
 * exactly one dead letter with its reason, its source topic/partition/offset and its original bytes
 * (the first {@link DeadLetter#MAX_PAYLOAD_BYTES} of them); {@code egov_dead_letters_total{reason}}
 * counts it; the stream keeps running and every good record around the bad ones is counted. Also a
 * record just under the broker's size limit, which used to stop the stream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final LocalDate DATE = LocalDate.of(2024, 5, 15);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final long STAMP =
      DATE.atTime(9, 0).atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli();
  private static final JsonSerde<DossierEvent> JSON = JsonSerde.of(DossierEvent.class);

  /** The reasons bad input can have; PROCESSING_ERROR is a bug, never sent on purpose. */
  private static final Set<DeadLetterReason> INPUT_REASONS =
      EnumSet.complementOf(EnumSet.of(DeadLetterReason.PROCESSING_ERROR));

  @Test
  @Order(1) // counts everything on the topics, so it runs before the other test writes to them
  void everyBadKindIsADeadLetterAndEveryGoodRecordCounts() throws Exception {
    kafka.createTopics(Topics.all());
    Unit province = AdminDivisions.standard().provinces(DATE).get(0);
    OffsetDateTime nine = DATE.atTime(9, 0).atOffset(WindowKind.VIETNAM);
    String key = province.code();

    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-dead-letters")
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state"))
            .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings);
        KafkaProducer<String, byte[]> producer = producer()) {
      app.awaitRunning(DEADLINE);
      String good = json(dossier(province, "template", nine));
      Map<DeadLetterReason, byte[]> bad = new EnumMap<>(DeadLetterReason.class);
      bad.put(DeadLetterReason.MALFORMED_JSON, bytes("{\"v\":1,\"id\":"));
      bad.put(DeadLetterReason.UNSUPPORTED_VERSION, bytes(good.replace("\"v\":1", "\"v\":9")));
      bad.put(
          DeadLetterReason.UNKNOWN_UNIT,
          bytes(good.replaceFirst("\"citizenProvince\":\"[0-9]+\"", "\"citizenProvince\":\"99\"")));
      bad.put(
          DeadLetterReason.MISSING_FIELD,
          bytes(good.replaceFirst("\"procedure\":\"[^\"]*\",", "")));
      bad.put(
          DeadLetterReason.INVALID_FIELD,
          bytes(
              good.replace(
                  "\"channel\":\"" + Channel.ONLINE_END_TO_END.name() + "\"",
                  "\"channel\":\"FAX\"")));
      bad.put(
          DeadLetterReason.OVERSIZED,
          bytes(
              good.replace(
                  "\"id\":\"template\"",
                  "\"id\":\"" + "x".repeat(TopologySettings.DEFAULT_MAX_RECORD_BYTES) + "\"")));

      // good records 09:00-09:05, the bad ones between
      List<RecordMetadata> goodSent = new ArrayList<>();
      Map<DeadLetterReason, RecordMetadata> badSent = new EnumMap<>(DeadLetterReason.class);
      Map<DeadLetterReason, byte[]> badBytes = new EnumMap<>(bad);
      int n = 0;
      for (int minute = 0; minute < 5; minute++) {
        for (int i = 0; i < 20; i++) {
          goodSent.add(
              send(
                  producer,
                  key,
                  json(dossier(province, "g" + n++, nine.plusMinutes(minute).plusSeconds(i)))));
        }
        if (minute == 2) {
          bad.forEach((reason, value) -> badSent.put(reason, send(producer, key, value)));
        }
      }
      for (int i = 0; i < 20; i++) {
        goodSent.add(
            send(
                producer,
                key,
                json(dossier(province, "g" + n++, nine.plusMinutes(5).plusSeconds(i)))));
      }
      // The unit moves two days on (held, then settled by its next event), which closes the
      // first day for it: a backfill of that day is then LATE. A dossier stamped with today's
      // date (a skewed clock) is held and, since the unit's next event comes back behind it,
      // AHEAD_OF_STREAM. Before 2019 and far in the future are TIMESTAMP_OUT_OF_RANGE.
      OffsetDateTime later = nine.plusDays(2);
      send(producer, key, json(dossier(province, "jump", later)));
      send(producer, key, json(dossier(province, "jumped", later.plusSeconds(1))));
      byte[] late = bytes(json(dossier(province, "late", nine.plusSeconds(30))));
      badSent.put(DeadLetterReason.LATE, send(producer, key, late));
      badBytes.put(DeadLetterReason.LATE, late);
      byte[] skewed =
          bytes(json(dossier(province, "skewed", OffsetDateTime.now().minusMinutes(1))));
      badSent.put(DeadLetterReason.AHEAD_OF_STREAM, send(producer, key, skewed));
      badBytes.put(DeadLetterReason.AHEAD_OF_STREAM, skewed);
      send(producer, key, json(dossier(province, "back", later.plusSeconds(2))));
      byte[] old =
          bytes(json(dossier(province, "old", OffsetDateTime.parse("2018-06-01T09:00+07:00"))));
      byte[] future = bytes(json(dossier(province, "future", OffsetDateTime.now().plusYears(5))));
      RecordMetadata oldMeta = send(producer, key, old);
      RecordMetadata futureMeta = send(producer, key, future);
      producer.flush();

      List<DeadLetter> dead = new ArrayList<>();
      Map<String, OnlineRateUpdate> day = new HashMap<>();
      String dayKey =
          OnlineRateUpdate.key(
              Scope.NATIONAL,
              "NATIONAL",
              DATE.atStartOfDay().atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli());
      long goodCount = goodSent.size();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(List.of(Topics.DEAD_LETTERS.name(), Topics.ONLINE_RATE_DAY.name()));
        Instant deadline = Instant.now().plus(DEADLINE);
        while ((dead.size() < 10
                || !day.containsKey(dayKey)
                || day.get(dayKey).counts().total() < goodCount)
            && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
              dead.add(
                  Topics.DEAD_LETTERS
                      .valueSerde()
                      .deserializer()
                      .deserialize(record.topic(), record.value()));
            } else {
              day.put(
                  record.key(),
                  Topics.ONLINE_RATE_DAY
                      .valueSerde()
                      .deserializer()
                      .deserialize(record.topic(), record.value()));
            }
          }
        }
      }

      assertThat(day.get(dayKey).counts().total())
          .as("every good record counted")
          .isEqualTo(goodCount);
      assertThat(dead).extracting(DeadLetter::reason).hasSize(10);
      Map<DeadLetterReason, List<DeadLetter>> byReason = new EnumMap<>(DeadLetterReason.class);
      dead.forEach(d -> byReason.computeIfAbsent(d.reason(), r -> new ArrayList<>()).add(d));
      assertThat(byReason).containsOnlyKeys(INPUT_REASONS);
      assertThat(byReason.get(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE))
          .extracting(DeadLetter::offset)
          .containsExactlyInAnyOrder(oldMeta.offset(), futureMeta.offset());
      for (Map.Entry<DeadLetterReason, RecordMetadata> sent : badSent.entrySet()) {
        DeadLetter letter = byReason.get(sent.getKey()).get(0);
        assertThat(byReason.get(sent.getKey())).as("%s", sent.getKey()).hasSize(1);
        assertThat(letter.topic()).isEqualTo(Topics.DOSSIERS.name());
        assertThat(letter.partition()).isEqualTo(sent.getValue().partition());
        assertThat(letter.offset()).isEqualTo(sent.getValue().offset());
        assertThat(letter.key()).isEqualTo(key);
        byte[] original = badBytes.get(sent.getKey());
        assertThat(Base64.getDecoder().decode(letter.payloadBase64()))
            .as("%s keeps the original bytes, up to the bound", sent.getKey())
            .isEqualTo(
                Arrays.copyOf(original, Math.min(original.length, DeadLetter.MAX_PAYLOAD_BYTES)));
        assertThat(letter.payloadBytes()).isEqualTo(original.length);
        assertThat(letter.payloadTruncated())
            .isEqualTo(original.length > DeadLetter.MAX_PAYLOAD_BYTES);
        assertThat(letter.detail()).isNotBlank();
      }

      String metrics = "";
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!metrics.contains("egov_dead_letters_total{reason=\"TIMESTAMP_OUT_OF_RANGE\"} 2.0")
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(200); // polling with a deadline
        metrics = get("http://127.0.0.1:" + app.metricsPort() + "/metrics");
      }
      for (DeadLetterReason reason : DeadLetterReason.values()) {
        double expected =
            !INPUT_REASONS.contains(reason)
                ? 0.0
                : reason == DeadLetterReason.TIMESTAMP_OUT_OF_RANGE ? 2.0 : 1.0;
        assertThat(metrics)
            .contains("egov_dead_letters_total{reason=\"" + reason + "\"} " + expected);
      }
      assertThat(app.streams().state().isRunningOrRebalancing())
          .as("the stream never stops")
          .isTrue();
    }
  }

  /**
   * A record just under the broker's limit once stopped the stream: its dead letter, with the whole
   * value in base64, was larger than the limit, the send failed and the replaced stream thread
   * failed on the same record forever. Now it is a dead letter that keeps the beginning of the
   * value and says it was cut, and the records after it count. Reads only what it sent (its own
   * offsets and day), so the records the first test left on the topics do not matter.
   */
  @Test
  @Order(2)
  void aRecordJustUnderTheBrokerLimitIsABoundedDeadLetterAndTheStreamGoesOn() throws Exception {
    kafka.createTopics(Topics.all());
    LocalDate date = DATE.plusDays(1);
    OffsetDateTime nine = date.atTime(9, 0).atOffset(WindowKind.VIETNAM);
    Unit province = AdminDivisions.standard().provinces(date).get(0);
    String key = province.code();
    int limit = maxMessageBytes(Topics.DEAD_LETTERS.name());
    byte[] huge =
        bytes(
            json(dossier(province, "template", nine))
                .replace("\"id\":\"template\"", "\"id\":\"" + "x".repeat(900 * 1024) + "\""));
    assertThat(huge.length).as("just under the broker's limit").isBetween(900 * 1024, limit - 1);

    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-dead-letters-oversized")
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state-oversized"))
            .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings);
        KafkaProducer<String, byte[]> producer = producer()) {
      app.awaitRunning(DEADLINE);
      RecordMetadata hugeSent =
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.DOSSIERS.name(), null, nine.toInstant().toEpochMilli(), key, huge))
              .get();
      int good = 20;
      for (int i = 0; i < good; i++) {
        OffsetDateTime time = nine.plusSeconds(i + 1);
        producer
            .send(
                new ProducerRecord<>(
                    Topics.DOSSIERS.name(),
                    null,
                    time.toInstant().toEpochMilli(),
                    key,
                    bytes(json(dossier(province, "after-" + i, time)))))
            .get();
      }

      String dayKey =
          OnlineRateUpdate.key(
              Scope.NATIONAL,
              "NATIONAL",
              date.atStartOfDay().atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli());
      ConsumerRecord<String, byte[]> deadRecord = null;
      long counted = 0;
      try (KafkaConsumer<String, byte[]> consumer = consumer("dead-letters-oversized-it")) {
        consumer.subscribe(List.of(Topics.DEAD_LETTERS.name(), Topics.ONLINE_RATE_DAY.name()));
        Instant deadline = Instant.now().plus(DEADLINE);
        while ((deadRecord == null || counted < good) && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
              DeadLetter letter = deadLetter(record);
              if (letter.partition() == hugeSent.partition()
                  && letter.offset() == hugeSent.offset()) {
                deadRecord = record;
              }
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
        }
      }

      assertThat(deadRecord).as("the dead letter of the %d-byte record", huge.length).isNotNull();
      assertThat(deadRecord.serializedKeySize() + deadRecord.serializedValueSize())
          .as("its dead letter fits the broker's limit")
          .isLessThan(DeadLetter.MAX_JSON_BYTES)
          .isLessThan(limit);
      DeadLetter letter = deadLetter(deadRecord);
      assertThat(letter.reason()).isEqualTo(DeadLetterReason.OVERSIZED);
      assertThat(letter.topic()).isEqualTo(Topics.DOSSIERS.name());
      assertThat(letter.key()).isEqualTo(key);
      assertThat(letter.payloadTruncated()).isTrue();
      assertThat(letter.payloadBytes()).isEqualTo(huge.length);
      assertThat(Base64.getDecoder().decode(letter.payloadBase64()))
          .as("the beginning of the original bytes")
          .isEqualTo(Arrays.copyOf(huge, DeadLetter.MAX_PAYLOAD_BYTES));
      assertThat(counted).as("every dossier after it counted").isEqualTo(good);
      assertThat(app.streams().state().isRunningOrRebalancing())
          .as("the stream never stops")
          .isTrue();
    }
  }

  /** The topic's effective max.message.bytes (the broker's default unless the topic sets it). */
  private static int maxMessageBytes(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = kafka.admin().describeConfigs(List.of(resource)).all().get().get(resource);
    return Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
  }

  private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
    return Topics.DEAD_LETTERS
        .valueSerde()
        .deserializer()
        .deserialize(record.topic(), record.value());
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static RecordMetadata send(
      KafkaProducer<String, byte[]> producer, String key, String json) {
    return send(producer, key, bytes(json));
  }

  /** Sends and waits for the acknowledgement, for the record's partition and offset. */
  private static RecordMetadata send(
      KafkaProducer<String, byte[]> producer, String key, byte[] value) {
    try {
      long timestamp = STAMP; // like the producer's: event time (of the good records here)
      return producer
          .send(new ProducerRecord<>(Topics.DOSSIERS.name(), null, timestamp, key, value))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            1 << 20),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return consumer("dead-letters-it");
  }

  private static KafkaConsumer<String, byte[]> consumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
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
