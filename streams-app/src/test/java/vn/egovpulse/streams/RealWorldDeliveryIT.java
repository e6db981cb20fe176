package vn.egovpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
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
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;

/**
 * What real source systems send, through a real broker, from a plain {@link KafkaProducer} with its
 * own keys (so its own partitioning) and its own order, record timestamps from the wall clock as
 * kcat sets them: the measurements that once lost counts. One skewed clock (a TP.HCM dossier
 * stamped with today's date in a replay of 2024) costs that dossier only, never the on-time ones
 * after it; Hà Nội's system syncing 30 minutes behind the others counts fully; a resent dossier
 * counts once and is counted as a duplicate.
 */
class RealWorldDeliveryIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final LocalDate DATE = LocalDate.of(2024, 5, 15);
  private static final JsonSerde<DossierEvent> JSON = JsonSerde.of(DossierEvent.class);

  @Test
  void skewLagAndResendsCostNothingButTheSkewedDossier() throws Exception {
    kafka.createTopics(Topics.all());
    List<Unit> provinces = AdminDivisions.standard().provinces(DATE);
    Unit hcmc = provinces.stream().filter(u -> u.code().equals("79")).findFirst().orElseThrow();
    Unit hanoi = provinces.stream().filter(u -> u.code().equals("01")).findFirst().orElseThrow();
    List<Unit> onTime = new ArrayList<>(provinces.subList(0, 12));
    onTime.remove(hanoi);
    if (!onTime.contains(hcmc)) {
      onTime.add(hcmc);
    }
    OffsetDateTime nine = DATE.atTime(9, 0).atOffset(WindowKind.VIETNAM);

    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-real-world")
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state"))
            .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings);
        KafkaProducer<String, byte[]> producer = producer()) {
      app.awaitRunning(DEADLINE);
      List<DossierEvent> sent = new ArrayList<>();
      int n = 0;
      for (int minute = 0; minute < 30; minute++) {
        for (Unit unit : onTime) {
          for (int i = 0; i < 8; i++) {
            DossierEvent event =
                dossier(unit, "d" + n++, nine.plusMinutes(minute).plusSeconds(i * 7L));
            send(producer, "client-" + n, event);
            sent.add(event);
          }
        }
        if (minute == 5) {
          // a source clock that is ahead: today's date while the stream replays 2024
          send(producer, "client-skewed", dossier(hcmc, "skewed", OffsetDateTime.now()));
        }
      }
      // Hà Nội's system syncs 30 simulated minutes behind the others: its only events
      List<DossierEvent> hanoiSent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        DossierEvent event = dossier(hanoi, "hn" + i, nine.plusSeconds(i * 5L));
        send(producer, "client-hn-" + i, event);
        hanoiSent.add(event);
      }
      // an at-least-once upstream resends 100 of them, byte for byte
      for (int i = 0; i < 100; i++) {
        send(producer, "client-again-" + i, sent.get(i * 7));
      }
      producer.flush();

      long dayStart =
          nine.toLocalDate().atStartOfDay().atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli();
      long expected = sent.size() + hanoiSent.size();
      Map<String, OnlineRateUpdate> day = new HashMap<>();
      Map<String, OnlineRateUpdate> minute = new HashMap<>();
      List<DeadLetter> dead = new ArrayList<>();
      String nationalDay = OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", dayStart);
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(
            List.of(
                Topics.ONLINE_RATE_DAY.name(),
                Topics.ONLINE_RATE_MINUTE.name(),
                Topics.DEAD_LETTERS.name()));
        Instant deadline = Instant.now().plus(DEADLINE);
        while ((!day.containsKey(nationalDay)
                || day.get(nationalDay).counts().total() < expected
                || dead.isEmpty())
            && Instant.now().isBefore(deadline)) {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(Topics.DEAD_LETTERS.name())) {
              dead.add(
                  Topics.DEAD_LETTERS
                      .valueSerde()
                      .deserializer()
                      .deserialize(null, record.value()));
            } else {
              OnlineRateUpdate update =
                  Topics.ONLINE_RATE_DAY
                      .valueSerde()
                      .deserializer()
                      .deserialize(null, record.value());
              (record.topic().equals(Topics.ONLINE_RATE_DAY.name()) ? day : minute)
                  .put(record.key(), update);
            }
          }
        }
      }

      assertThat(day.get(nationalDay).counts().total())
          .as("every on-time and every lagging dossier counted, each resend once")
          .isEqualTo(expected);
      assertThat(dead)
          .singleElement()
          .satisfies(
              letter -> {
                assertThat(letter.reason()).isEqualTo(DeadLetterReason.AHEAD_OF_STREAM);
                assertThat(letter.key()).isEqualTo("client-skewed");
              });
      for (Unit unit : onTime) {
        long unitSent = sent.stream().filter(e -> e.authority().code().equals(unit.code())).count();
        assertThat(
                day.get(OnlineRateUpdate.key(Scope.PROVINCE, unit.code(), dayStart))
                    .counts()
                    .total())
            .as(unit.code())
            .isEqualTo(unitSent);
      }
      assertThat(day.get(OnlineRateUpdate.key(Scope.PROVINCE, "01", dayStart)).counts().total())
          .isEqualTo(50);
      long hanoiMinutes =
          minute.values().stream()
              .filter(u -> u.level() == Scope.PROVINCE && u.unit().equals("01"))
              .mapToLong(u -> u.counts().total())
              .sum();
      // this client spread Hà Nội over every partition, so its events reach Hà Nội's home out of
      // order: some come too late for their minute (only then), none too late for the day
      assertThat(hanoiMinutes).isPositive().isLessThanOrEqualTo(50);

      double duplicates = 0;
      Instant deadline = Instant.now().plus(DEADLINE);
      while (duplicates < 100 && Instant.now().isBefore(deadline)) {
        Thread.sleep(100); // polling with a deadline
        app.refreshMetrics();
        duplicates =
            app.registry().find("egov.duplicates").functionCounters().stream()
                .mapToDouble(c -> c.count())
                .sum();
      }
      assertThat(duplicates).isEqualTo(100);
      assertThat(app.streams().state().isRunningOrRebalancing()).isTrue();
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

  /** Like kcat: the record timestamp is the wall clock, the key is the client's own. */
  private static void send(KafkaProducer<String, byte[]> producer, String key, DossierEvent event) {
    producer.send(
        new ProducerRecord<>(
            Topics.DOSSIERS.name(),
            null,
            System.currentTimeMillis(),
            key,
            new String(JSON.toBytes(event), StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.UTF_8)));
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "real-world-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
