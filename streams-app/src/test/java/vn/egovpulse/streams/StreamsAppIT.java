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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Config;
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
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;
import vn.egovpulse.streams.topology.PulseTopology;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;

/**
 * The whole app against a real broker: every unit of a 2024 day, a few bad records; the output
 * topics must hold exactly what was sent, and /metrics a rate for every unit, level and the nation.
 */
class StreamsAppIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final LocalDate DATE = LocalDate.of(2024, 5, 15);
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void countsEveryUnitExactlyAndExportsItsRate() throws Exception {
    kafka.createTopics(Topics.all());
    AdminDivisions divisions = AdminDivisions.standard();
    List<Unit> units = new ArrayList<>(divisions.provinces(DATE));
    units.addAll(divisions.ministries(DATE));
    assertThat(units).hasSize(63 + 22);

    // What to send, in event-time order (as the producer does), and what the aggregates must say.
    List<DossierEvent> dossiers = new ArrayList<>();
    Map<String, DossierCounts> expectedMinute = new HashMap<>();
    Map<String, DossierCounts> expectedDay = new HashMap<>();
    OffsetDateTime start = DATE.atTime(9, 0).atOffset(WindowKind.VIETNAM);
    long dayStart = DATE.atStartOfDay().atOffset(WindowKind.VIETNAM).toInstant().toEpochMilli();
    for (int u = 0; u < units.size(); u++) {
      Unit unit = units.get(u);
      for (int i = 0; i < 20 + u % 11; i++) {
        Channel channel = Channel.values()[(u + i) % 3];
        OffsetDateTime time = start.plusSeconds((i * 7L + u) % 240);
        DossierEvent event =
            new DossierEvent(
                1,
                "d-" + u + "-" + i,
                time,
                unit.authority(),
                "79",
                "P" + i % 5,
                channel,
                channel.isOnline() ? AuthMethod.VNEID : AuthMethod.NONE,
                null);
        dossiers.add(event);
        long minute = Math.floorDiv(event.eventTimeMillis(), 60_000) * 60_000;
        expectedMinute.merge(
            OnlineRateUpdate.key(unit.level().unitScope(), unit.code(), minute),
            DossierCounts.of(event),
            DossierCounts::plus);
        expectedDay.merge(
            OnlineRateUpdate.key(unit.level().unitScope(), unit.code(), dayStart),
            DossierCounts.of(event),
            DossierCounts::plus);
      }
    }
    dossiers.sort(Comparator.comparing(DossierEvent::eventTime));
    DossierCounts national =
        expectedDay.values().stream().reduce(DossierCounts.ZERO, DossierCounts::plus);
    expectedDay.put(OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", dayStart), national);

    List<VneidLoginEvent> logins = new ArrayList<>();
    Map<String, Long> expectedLoginsDay = new HashMap<>();
    Map<String, Long> expectedTimeouts = new HashMap<>();
    for (int i = 0; i < 1_260; i++) {
      Unit province = units.get(i % 63);
      boolean ok = i % 4 != 0;
      logins.add(
          new VneidLoginEvent(
              1,
              "l-" + i,
              start.plusSeconds(i / 6),
              "c" + i,
              province.code(),
              ok ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
              ok ? null : LoginFailureReason.TIMEOUT,
              2));
      expectedLoginsDay.merge(LoginRateUpdate.key(province.code(), dayStart), 1L, Long::sum);
      if (!ok) {
        expectedTimeouts.merge(province.code(), 1L, Long::sum);
      }
    }

    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-it")
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state"))
            .with(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings)) {
      app.awaitRunning(DEADLINE);
      send(dossiers, logins);

      Map<String, OnlineRateUpdate> minute = new HashMap<>();
      Map<String, OnlineRateUpdate> day = new HashMap<>();
      Map<String, LoginRateUpdate> loginDay = new HashMap<>();
      List<DeadLetter> dead = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = consumer()) {
        consumer.subscribe(
            List.of(
                Topics.ONLINE_RATE_MINUTE.name(),
                Topics.ONLINE_RATE_DAY.name(),
                Topics.VNEID_LOGINS_DAY.name(),
                Topics.DEAD_LETTERS.name()));
        pollUntil(
            consumer,
            () ->
                counts(minute).entrySet().containsAll(expectedMinute.entrySet())
                    && counts(day).entrySet().containsAll(expectedDay.entrySet())
                    && totals(loginDay).equals(expectedLoginsDay)
                    && dead.size() >= 3,
            record -> {
              String topic = record.topic();
              if (topic.equals(Topics.ONLINE_RATE_MINUTE.name())) {
                minute.put(
                    record.key(),
                    Topics.ONLINE_RATE_MINUTE
                        .valueSerde()
                        .deserializer()
                        .deserialize(topic, record.value()));
              } else if (topic.equals(Topics.ONLINE_RATE_DAY.name())) {
                day.put(
                    record.key(),
                    Topics.ONLINE_RATE_DAY
                        .valueSerde()
                        .deserializer()
                        .deserialize(topic, record.value()));
              } else if (topic.equals(Topics.VNEID_LOGINS_DAY.name())) {
                loginDay.put(
                    record.key(),
                    Topics.VNEID_LOGINS_DAY
                        .valueSerde()
                        .deserializer()
                        .deserialize(topic, record.value()));
              } else {
                dead.add(
                    Topics.DEAD_LETTERS
                        .valueSerde()
                        .deserializer()
                        .deserialize(topic, record.value()));
              }
            });
      }
      assertThat(counts(minute)).containsAllEntriesOf(expectedMinute);
      assertThat(counts(day)).containsAllEntriesOf(expectedDay);
      assertThat(totals(loginDay)).isEqualTo(expectedLoginsDay);
      assertThat(dead)
          .extracting(DeadLetter::reason)
          .containsExactlyInAnyOrder(
              DeadLetterReason.MALFORMED_JSON,
              DeadLetterReason.UNKNOWN_UNIT,
              DeadLetterReason.UNSUPPORTED_VERSION);

      String[] metrics = new String[1];
      awaitTrue(
          () -> {
            metrics[0] = get("http://127.0.0.1:" + app.metricsPort() + "/metrics");
            return units.stream()
                    .allMatch(
                        u ->
                            metrics[0].contains(
                                "egov_online_rate{level=\""
                                    + u.level().unitScope()
                                    + "\",unit=\""
                                    + u.code()
                                    + "\""))
                && expectedTimeouts.entrySet().stream()
                    .allMatch(
                        e ->
                            metrics[0].contains(loginFailures(e.getKey(), "TIMEOUT", e.getValue())))
                && metrics[0].contains(
                    "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"day\"}");
          });
      for (Unit unit : units) {
        assertThat(metrics[0])
            .contains(
                "egov_online_rate{level=\""
                    + unit.level().unitScope()
                    + "\",unit=\""
                    + unit.code()
                    + "\",unit_name=\""
                    + unit.name()
                    + "\",window=\"minute\"}");
      }
      assertThat(expectedTimeouts).hasSize(63);
      for (Map.Entry<String, Long> timeouts : expectedTimeouts.entrySet()) {
        assertThat(metrics[0])
            .contains(loginFailures(timeouts.getKey(), "TIMEOUT", timeouts.getValue()));
      }
      assertThat(
              metrics[0]
                  .lines()
                  .filter(line -> line.startsWith("egov_vneid_login_failures_total{")))
          .hasSize(63);
      assertThat(metrics[0])
          .contains(
              "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"day\"} "
                  + national.onlineRate())
          .contains("egov_dead_letters_total{reason=\"MALFORMED_JSON\"} 1.0")
          .contains("egov_e2e_latency_seconds_count")
          .contains("kafka_stream");
      lintWithPromtool(metrics[0]);
    }
  }

  /**
   * Every topic Kafka Streams creates for the app keeps its records regardless of their timestamps:
   * events replay years-old times, and a broker deleting by time (it checks every second here)
   * would empty a changelog that a restore then needs. There are no window stores, whose changelogs
   * Kafka Streams would give a time-based retention.
   */
  @Test
  void internalTopicsNeverDeleteByTime() throws Exception {
    kafka.createTopics(Topics.all());
    String applicationId = "egov-pulse-it-internal";
    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, applicationId)
            .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state-internal"))
            .withMetricsPort(0)
            .withAdvertised("localhost", 0);
    try (StreamsApp app = StreamsApp.start(settings)) {
      app.awaitRunning(DEADLINE);
      // the identity the group learns is the advertised one, with the port bound
      assertThat(app.streams().metadataForAllStreamsClients())
          .extracting(metadata -> metadata.hostInfo())
          .containsExactly(new HostInfo("localhost", app.metricsPort()));
    }
    List<String> internal =
        kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS).stream()
            .filter(name -> name.startsWith(applicationId + "-"))
            .sorted()
            .toList();
    List<ConfigResource> resources =
        internal.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<ConfigResource, Config> configs =
        kafka.admin().describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
    List<String> changelogs = new ArrayList<>();
    for (ConfigResource resource : resources) {
      Config config = configs.get(resource);
      String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
      String retention = config.get(TopicConfig.RETENTION_MS_CONFIG).value();
      assertThat(!policy.contains(TopicConfig.CLEANUP_POLICY_DELETE) || retention.equals("-1"))
          .as(resource.name() + ": cleanup.policy=" + policy + ", retention.ms=" + retention)
          .isTrue();
      if (resource.name().endsWith("-changelog")) {
        // no window store: every changelog is compacted alone, bounded by its keys (units,
        // open windows, ids of open days), never by time
        assertThat(policy).as(resource.name()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        changelogs.add(resource.name());
      }
    }
    assertThat(changelogs)
        .contains(
            changelog(applicationId, PulseTopology.DOSSIERS_PER_UNIT),
            changelog(applicationId, PulseTopology.DOSSIER_IDS),
            changelog(applicationId, PulseTopology.DOSSIERS_PER_LEVEL),
            changelog(applicationId, PulseTopology.LOGINS_PER_PROVINCE),
            changelog(applicationId, PulseTopology.LOGIN_IDS));
  }

  private static String changelog(String applicationId, String store) {
    return applicationId + "-" + store + "-changelog";
  }

  /**
   * {@code promtool check metrics} on the project's own families, where Prometheus is installed.
   * The binders' Kafka and process metrics are Micrometer's names (e.g. {@code *_time_ns_total}),
   * which promtool flags and we do not own.
   */
  private static void lintWithPromtool(String text) throws Exception {
    String ours =
        text.lines()
            .filter(
                line ->
                    line.startsWith("egov_")
                        || line.startsWith("# HELP egov_")
                        || line.startsWith("# TYPE egov_"))
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    java.nio.file.Path file = kafka.tempDir("scrape").resolve("metrics.txt");
    java.nio.file.Files.writeString(file, ours);
    Process promtool;
    try {
      promtool =
          new ProcessBuilder("promtool", "check", "metrics")
              .redirectInput(file.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException notInstalled) {
      return;
    }
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor()).as("promtool check metrics: %s", output).isZero();
  }

  private static String loginFailures(String province, String reason, long n) {
    return "egov_vneid_login_failures_total{province=\""
        + province
        + "\",reason=\""
        + reason
        + "\"} "
        + (double) n;
  }

  private static Map<String, DossierCounts> counts(Map<String, OnlineRateUpdate> latest) {
    Map<String, DossierCounts> counts = new HashMap<>();
    latest.forEach((key, update) -> counts.put(key, update.counts()));
    return counts;
  }

  private static Map<String, Long> totals(Map<String, LoginRateUpdate> latest) {
    Map<String, Long> totals = new HashMap<>();
    latest.forEach((key, update) -> totals.put(key, update.total()));
    return totals;
  }

  private static void send(List<DossierEvent> dossiers, List<VneidLoginEvent> logins)
      throws Exception {
    JsonSerde<DossierEvent> dossierJson = JsonSerde.of(DossierEvent.class);
    JsonSerde<VneidLoginEvent> loginJson = JsonSerde.of(VneidLoginEvent.class);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (DossierEvent event : dossiers) {
        producer.send(
            record(
                Topics.DOSSIERS.name(),
                event.authority().code(),
                dossierJson.toBytes(event),
                event.eventTimeMillis()));
      }
      for (VneidLoginEvent event : logins) {
        producer.send(
            record(
                Topics.VNEID_LOGINS.name(),
                event.province(),
                loginJson.toBytes(event),
                event.eventTimeMillis()));
      }
      String good = new String(dossierJson.toBytes(dossiers.get(0)), StandardCharsets.UTF_8);
      long ts = dossiers.get(0).eventTimeMillis();
      String key = dossiers.get(0).authority().code();
      producer.send(
          record(Topics.DOSSIERS.name(), key, "{oops".getBytes(StandardCharsets.UTF_8), ts));
      producer.send(
          record(
              Topics.DOSSIERS.name(),
              key,
              good.replace("\"v\":1", "\"v\":9").getBytes(StandardCharsets.UTF_8),
              ts));
      producer.send(
          record(
              Topics.DOSSIERS.name(),
              key,
              good.replace("\"citizenProvince\":\"79\"", "\"citizenProvince\":\"99\"")
                  .getBytes(StandardCharsets.UTF_8),
              ts));
      producer.flush();
    }
  }

  private static ProducerRecord<String, byte[]> record(
      String topic, String key, byte[] value, long timestamp) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, null, timestamp, key, value);
    Instant now = Instant.now();
    record
        .headers()
        .add(
            EventHeaders.SENT_AT,
            EventHeaders.micros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
    return record;
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "streams-app-it",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  private static void pollUntil(
      KafkaConsumer<String, byte[]> consumer,
      BooleanSupplier done,
      java.util.function.Consumer<ConsumerRecord<String, byte[]>> handler) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(handler);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200); // polling with a deadline
    }
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
