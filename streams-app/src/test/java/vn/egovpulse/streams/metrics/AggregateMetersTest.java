package vn.egovpulse.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.streams.topology.PulseTopology;
import vn.egovpulse.streams.topology.TopologySettings;
import vn.egovpulse.topics.Topics;

/** The business metrics read from the real topology's stores, rendered by the real registry. */
class AggregateMetersTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> dossiers;
  private final TestInputTopic<String, byte[]> logins;
  private final HandlerMeters handlers = new HandlerMeters(registry);
  private final AggregateMeters meters;

  AggregateMetersTest() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of("target", "topology-test-state", UUID.randomUUID().toString()).toString());
    LatencyRecorder latency = new LatencyRecorder(registry, InstantSource.fixed(NOW));
    driver =
        new TopologyTestDriver(
            PulseTopology.build(
                TopologySettings.defaults(InstantSource.fixed(NOW)).withEmitListener(latency)),
            props);
    dossiers =
        driver.createInputTopic(
            Topics.DOSSIERS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    logins =
        driver.createInputTopic(
            Topics.VNEID_LOGINS.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    meters =
        new AggregateMeters(registry, new DriverState(driver), handlers, AdminDivisions.standard());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  private int loginId;

  /** A login whose {@code failureReason} is {@code wireReason} on the wire, any text. */
  private void login(String province, String time, String wireReason) {
    LoginOutcome outcome = wireReason == null ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE;
    VneidLoginEvent event =
        new VneidLoginEvent(
            1,
            "l" + ++loginId,
            OffsetDateTime.parse(time),
            "c" + loginId,
            province,
            outcome,
            wireReason == null ? null : LoginFailureReason.OTHER,
            2);
    String json = JsonSerde.of(VneidLoginEvent.class).toJson(event);
    if (wireReason != null) {
      json = json.replace("\"OTHER\"", quoted(wireReason));
    }
    logins.pipeInput(
        province, json.getBytes(StandardCharsets.UTF_8), event.eventTime().toInstant());
  }

  private static String quoted(String text) {
    try {
      return JsonSerde.mapper().writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> loginFailureSeries() {
    return registry
        .scrape()
        .lines()
        .filter(line -> line.startsWith("egov_vneid_login_failures_total{"))
        .toList();
  }

  private void dossier(Authority authority, String time, Channel channel) {
    DossierEvent event =
        new DossierEvent(
            1,
            UUID.randomUUID().toString(),
            OffsetDateTime.parse(time),
            authority,
            "79",
            "P1",
            channel,
            channel.isOnline() ? AuthMethod.VNEID : AuthMethod.NONE,
            null);
    long sentAtMicros = NOW.minusMillis(250).toEpochMilli() * 1000;
    dossiers.pipeInput(
        new TestRecord<>(
            authority.code(),
            JsonSerde.of(DossierEvent.class).toBytes(event),
            new RecordHeaders().add(EventHeaders.SENT_AT, EventHeaders.micros(sentAtMicros)),
            event.eventTime().toInstant()));
  }

  /** Lets the wall clock pass the emit interval (units, then levels), then reads the stores. */
  private void refresh() {
    driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
    driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
    meters.refresh();
  }

  @Test
  void ratesCountersAndStreamTimeComeFromTheStores() {
    dossier(Authority.province("79"), "2024-03-01T10:00:00+07:00", Channel.ONLINE_END_TO_END);
    dossier(Authority.province("79"), "2024-03-01T10:00:10+07:00", Channel.IN_PERSON);
    dossier(Authority.ministry("BCA"), "2024-03-01T10:00:20+07:00", Channel.ONLINE_PARTIAL);
    dossier(
        Authority.province("79"),
        "2024-03-01T10:01:30+07:00",
        Channel.ONLINE_END_TO_END); // the latest minute of 79
    logins.pipeInput(
        "01",
        JsonSerde.of(VneidLoginEvent.class)
            .toBytes(
                new VneidLoginEvent(
                    1,
                    "l1",
                    OffsetDateTime.parse("2024-03-01T10:00:05+07:00"),
                    "c1",
                    "01",
                    LoginOutcome.FAILURE,
                    LoginFailureReason.TIMEOUT,
                    2)));
    dossiers.pipeInput("79", "nonsense".getBytes(StandardCharsets.UTF_8));

    refresh();
    String text = registry.scrape();

    assertThat(text)
        .contains(
            "egov_online_rate{level=\"PROVINCE\",unit=\"79\",unit_name=\"Hồ Chí Minh\",window=\"minute\"} 1.0")
        .contains(
            "egov_online_rate{level=\"PROVINCE\",unit=\"79\",unit_name=\"Hồ Chí Minh\",window=\"day\"} 0.6666666666666666")
        .contains(
            "egov_online_rate{level=\"MINISTRY\",unit=\"BCA\",unit_name=\"Bộ Công an\",window=\"minute\"} 0.0")
        .contains(
            "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"minute\"} 1.0")
        .contains(
            "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"day\"} 0.5")
        .contains(
            "egov_online_rate{level=\"MINISTRIES\",unit=\"MINISTRIES\",unit_name=\"Các bộ, ngành\",window=\"day\"} 0.0")
        .contains("egov_dossiers_total{channel=\"IN_PERSON\",level=\"PROVINCE\",unit=\"79\"} 1.0")
        .contains(
            "egov_dossiers_total{channel=\"ONLINE_END_TO_END\",level=\"PROVINCE\",unit=\"79\"} 2.0")
        .contains(
            "egov_dossiers_total{channel=\"ONLINE_PARTIAL\",level=\"MINISTRY\",unit=\"BCA\"} 1.0")
        .contains("egov_vneid_logins_total{outcome=\"FAILURE\",province=\"01\"} 1.0")
        .contains("egov_vneid_login_failures_total{province=\"01\",reason=\"TIMEOUT\"} 1.0")
        .contains("egov_dead_letters_total{reason=\"MALFORMED_JSON\"} 1.0")
        .contains("egov_dead_letters_total{reason=\"LATE\"} 0.0")
        .contains("# TYPE egov_stream_time_seconds gauge")
        .contains("egov_e2e_latency_seconds_bucket")
        .doesNotContain("_gauge");
    assertThat(registry.get(MetricNames.STREAM_TIME).gauge().value())
        .isEqualTo(Instant.parse("2024-03-01T03:01:30Z").getEpochSecond());
    assertThat(
            registry
                .get("egov.e2e.latency")
                .timer()
                .max(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(250.0);
  }

  /** The handlers cannot write stores: what they count in the process joins the same series. */
  @Test
  void handlerDeadLettersJoinTheGatesCountsAndUnwrittenRecordsHaveTheirOwnCounter() {
    dossiers.pipeInput("79", "nonsense".getBytes(StandardCharsets.UTF_8));
    handlers.deadLetter(DeadLetterReason.PROCESSING_ERROR);
    handlers.deadLetter(DeadLetterReason.MALFORMED_JSON);
    handlers.unwritten(
        Topics.DEAD_LETTERS.name(),
        new org.apache.kafka.common.errors.RecordTooLargeException("too large"));

    meters.refresh();

    assertThat(registry.scrape())
        .contains("egov_dead_letters_total{reason=\"PROCESSING_ERROR\"} 1.0")
        .contains("egov_dead_letters_total{reason=\"MALFORMED_JSON\"} 2.0")
        .contains(
            "egov_unwritten_records_total{error=\"RecordTooLargeException\","
                + "topic=\"egov.dead-letters\"} 1.0");
  }

  @Test
  void duplicatesAndHeldEventsAreCountedPerTopic() {
    DossierEvent event =
        new DossierEvent(
            1,
            "same-id",
            OffsetDateTime.parse("2024-03-01T10:00:00+07:00"),
            Authority.province("79"),
            "79",
            "P1",
            Channel.IN_PERSON,
            AuthMethod.NONE,
            null);
    for (int i = 0; i < 3; i++) {
      dossiers.pipeInput(
          "79", JsonSerde.of(DossierEvent.class).toBytes(event), event.eventTime().toInstant());
    }
    // a day ahead of everything: held until the unit's next event
    dossier(Authority.province("79"), "2024-03-02T10:00:00+07:00", Channel.IN_PERSON);

    refresh();

    assertThat(registry.scrape())
        .contains("egov_duplicates_total{topic=\"egov.dossiers\"} 2.0")
        .contains("egov_duplicates_total{topic=\"egov.vneid-logins\"} 0.0")
        .contains("egov_held_events{topic=\"egov.dossiers\"} 1.0")
        .contains("egov_dossiers_total{channel=\"IN_PERSON\",level=\"PROVINCE\",unit=\"79\"} 1.0");
  }

  /** The counters are all time, kept per unit, long after the day windows closed. */
  @Test
  void allTimeCountersOutliveTheDayWindows() {
    dossier(Authority.province("79"), "2024-03-01T10:00:00+07:00", Channel.ONLINE_END_TO_END);
    dossier(Authority.province("79"), "2024-03-05T10:00:00+07:00", Channel.ONLINE_END_TO_END);
    dossier(Authority.province("79"), "2024-06-05T23:59:00+07:00", Channel.IN_PERSON);
    // a unit's jump of months is held until its next event shows it moved on
    dossier(Authority.province("79"), "2024-06-05T23:59:30+07:00", Channel.ONLINE_PARTIAL);
    login("01", "2024-03-01T10:00:00+07:00", "TIMEOUT");
    login("01", "2024-06-05T10:00:00+07:00", "TIMEOUT");
    login("01", "2024-06-05T10:00:01+07:00", null);

    refresh();

    assertThat(registry.scrape())
        .contains(
            "egov_dossiers_total{channel=\"ONLINE_END_TO_END\",level=\"PROVINCE\",unit=\"79\"} 2.0")
        .contains("egov_dossiers_total{channel=\"IN_PERSON\",level=\"PROVINCE\",unit=\"79\"} 1.0")
        .contains("egov_vneid_logins_total{outcome=\"FAILURE\",province=\"01\"} 2.0")
        .contains("egov_vneid_logins_total{outcome=\"SUCCESS\",province=\"01\"} 1.0")
        .contains("egov_vneid_login_failures_total{province=\"01\",reason=\"TIMEOUT\"} 2.0");
  }

  @Test
  void seriesFollowTheStateAndCountersNeverCountTwiceOnARefresh() {
    dossier(Authority.province("79"), "2024-03-01T10:00:00+07:00", Channel.ONLINE_END_TO_END);
    refresh();
    refresh();
    assertThat(registry.scrape())
        .contains(
            "egov_dossiers_total{channel=\"ONLINE_END_TO_END\",level=\"PROVINCE\",unit=\"79\"} 1.0");
  }

  @Test
  void loginFailuresByReasonComeFromTheStoreWithOtherTextAsOther() {
    login("79", "2024-03-01T10:00:00+07:00", "TIMEOUT");
    login("79", "2024-03-01T10:00:01+07:00", "WRONG_PASSCODE");
    login("79", "2024-03-01T10:00:02+07:00", "TIMEOUT");
    login("79", "2024-03-01T10:00:03+07:00", null); // a success: no reason
    login("79", "2024-03-01T10:00:04+07:00", "connection reset by peer");
    login("79", "2024-03-01T10:00:05+07:00", "timeout");
    login("79", "2024-03-01T10:00:06+07:00", "A".repeat(41));
    login("79", "2024-03-01T10:00:07+07:00", "OTHER");
    login("01", "2024-03-01T10:00:08+07:00", "SERVICE_UNAVAILABLE");

    refresh();

    assertThat(registry.scrape()).contains("# TYPE egov_vneid_login_failures_total counter");
    assertThat(loginFailureSeries())
        .containsExactlyInAnyOrder(
            "egov_vneid_login_failures_total{province=\"79\",reason=\"TIMEOUT\"} 2.0",
            "egov_vneid_login_failures_total{province=\"79\",reason=\"WRONG_PASSCODE\"} 1.0",
            "egov_vneid_login_failures_total{province=\"79\",reason=\"OTHER\"} 4.0",
            "egov_vneid_login_failures_total{province=\"01\",reason=\"SERVICE_UNAVAILABLE\"} 1.0");

    // the values are the store's, not counted per refresh: a refresh with no new record changes
    // nothing
    login("79", "2024-03-01T10:00:09+07:00", "TIMEOUT");
    login("79", "2024-03-01T10:00:10+07:00", "Lỗi máy chủ");
    refresh();
    refresh();

    assertThat(loginFailureSeries())
        .contains(
            "egov_vneid_login_failures_total{province=\"79\",reason=\"TIMEOUT\"} 3.0",
            "egov_vneid_login_failures_total{province=\"79\",reason=\"OTHER\"} 5.0",
            "egov_vneid_login_failures_total{province=\"01\",reason=\"SERVICE_UNAVAILABLE\"} 1.0")
        .hasSize(4);
    assertThat(
            registry
                .get(MetricNames.VNEID_LOGINS)
                .tags(MetricNames.PROVINCE, "79", MetricNames.OUTCOME, "FAILURE")
                .functionCounter()
                .count())
        .as("every failure has exactly one reason series")
        .isEqualTo(
            registry
                .find(MetricNames.VNEID_LOGIN_FAILURES)
                .tag(MetricNames.PROVINCE, "79")
                .functionCounters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum());
  }

  @Test
  void everyReasonLabelIsAReasonName() {
    for (LoginFailureReason reason : LoginFailureReason.values()) {
      login("79", "2024-03-01T10:00:00+07:00", reason.name());
    }
    login("79", "2024-03-01T10:00:01+07:00", "lỗi " + "x".repeat(200));
    meters.refresh();

    assertThat(
            registry.find(MetricNames.VNEID_LOGIN_FAILURES).functionCounters().stream()
                .map(c -> c.getId().getTag(MetricNames.REASON)))
        .containsExactlyInAnyOrder(
            Arrays.stream(LoginFailureReason.values()).map(Enum::name).toArray(String[]::new));
  }

  /**
   * Two instances, each holding the level windows it owns (the later minute on one, the rest on the
   * other): each level series is on exactly one, and the minute is the latest, not the older minute
   * the other instance holds.
   */
  @Test
  void aLevelWindowIsExportedOnlyByTheInstanceHoldingTheLatest() {
    dossier(Authority.province("79"), "2024-03-01T10:00:30+07:00", Channel.ONLINE_END_TO_END);
    dossier(Authority.province("79"), "2024-03-01T10:01:30+07:00", Channel.IN_PERSON);
    refresh();
    String later =
        PulseTopology.levelKey(
            WindowKind.MINUTE,
            PulseTopology.minuteStart(Instant.parse("2024-03-01T03:01:30Z").toEpochMilli()));
    String a = instance(key -> !key.equals(later));
    String b = instance(later::equals);

    String nationalMinute =
        "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"minute\"}";
    String nationalDay =
        "egov_online_rate{level=\"NATIONAL\",unit=\"NATIONAL\",unit_name=\"Toàn quốc\",window=\"day\"}";
    assertThat(a).doesNotContain(nationalMinute).contains(nationalDay + " 0.5");
    assertThat(b).contains(nationalMinute + " 0.0").doesNotContain(nationalDay);
  }

  /** The scrape of an instance over the driver's stores that owns the level keys {@code owns}. */
  private String instance(Predicate<String> owns) {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new AggregateMeters(own, new DriverState(driver, owns), AdminDivisions.standard()).refresh();
    return own.scrape();
  }

  /**
   * The test driver's stores behind {@link StateAccess}; the level store shows only the windows
   * {@code owns} accepts, as an instance's holds only its partitions' (by default: one instance
   * owns everything).
   */
  private record DriverState(TopologyTestDriver driver, Predicate<String> owns)
      implements StateAccess {
    DriverState(TopologyTestDriver driver) {
      this(driver, key -> true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String name) {
      KeyValueStore<K, V> store = (KeyValueStore<K, V>) (Object) driver.getKeyValueStore(name);
      if (!name.equals(PulseTopology.DOSSIERS_PER_LEVEL)) {
        return store;
      }
      return new OwnedView<>(store, key -> owns.test((String) key));
    }

    @Override
    public boolean ownsKey(String store, String key) {
      return owns.test(key);
    }
  }

  /**
   * A store's entries whose key {@code owned} accepts; only {@code all()}, what the meters read.
   */
  private record OwnedView<K, V>(KeyValueStore<K, V> store, Predicate<K> owned)
      implements ReadOnlyKeyValueStore<K, V> {
    @Override
    public KeyValueIterator<K, V> all() {
      List<KeyValue<K, V>> entries = new ArrayList<>();
      try (KeyValueIterator<K, V> it = store.all()) {
        it.forEachRemaining(
            kv -> {
              if (owned.test(kv.key)) {
                entries.add(kv);
              }
            });
      }
      Iterator<KeyValue<K, V>> it = entries.iterator();
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<K, V> next() {
          return it.next();
        }

        @Override
        public void close() {}

        @Override
        public K peekNextKey() {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public V get(K key) {
      return owned.test(key) ? store.get(key) : null;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long approximateNumEntries() {
      return store.approximateNumEntries();
    }
  }
}
