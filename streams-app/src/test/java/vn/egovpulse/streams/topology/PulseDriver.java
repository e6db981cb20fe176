package vn.egovpulse.streams.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.topics.Topic;
import vn.egovpulse.topics.Topics;

/**
 * The production topology in a {@link TopologyTestDriver}, with helpers to write events and read
 * outputs.
 */
final class PulseDriver implements AutoCloseable {
  /** The wall clock of every test: simulated dates are in 2024 and 2025. */
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> dossiers;
  final TestInputTopic<String, byte[]> logins;
  final List<long[]> emitted = new CopyOnWriteArrayList<>();
  private final Map<String, TestOutputTopic<String, ?>> outputs = new LinkedHashMap<>();
  private int sequence;

  PulseDriver() {
    this(TopologySettings.defaults(InstantSource.fixed(NOW)));
  }

  PulseDriver(TopologySettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "egov-pulse-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of("target", "topology-test-state", UUID.randomUUID().toString()).toString());
    TopologySettings withListener =
        settings.withEmitListener(
            (topic, sentAt) -> emitted.add(new long[] {topic.hashCode(), sentAt}));
    driver = new TopologyTestDriver(PulseTopology.build(withListener), props);
    dossiers =
        driver.createInputTopic(
            Topics.DOSSIERS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    logins =
        driver.createInputTopic(
            Topics.VNEID_LOGINS.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
  }

  static DossierEvent dossier(Authority authority, String eventTime, Channel channel) {
    AuthMethod auth = channel.isOnline() ? AuthMethod.VNEID : AuthMethod.NONE;
    return new DossierEvent(
        1,
        UUID.randomUUID().toString(),
        OffsetDateTime.parse(eventTime),
        authority,
        "79",
        "P001",
        channel,
        auth,
        null);
  }

  static VneidLoginEvent login(
      String province, String eventTime, LoginFailureReason failureReason) {
    return new VneidLoginEvent(
        1,
        UUID.randomUUID().toString(),
        OffsetDateTime.parse(eventTime),
        "c0ffee",
        province,
        failureReason == null ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
        failureReason,
        2);
  }

  void send(DossierEvent event) {
    send(event, ++sequence);
  }

  void send(DossierEvent event, long sentAtMicros) {
    Headers headers =
        new RecordHeaders().add(EventHeaders.SENT_AT, EventHeaders.micros(sentAtMicros));
    dossiers.pipeInput(
        new TestRecord<>(
            event.authority().code(),
            DOSSIER.toBytes(event),
            headers,
            event.eventTime().toInstant()));
  }

  void sendRawDossier(String key, String json) {
    sendRawDossier(key, json.getBytes(StandardCharsets.UTF_8));
  }

  void sendRawDossier(String key, byte[] bytes) {
    dossiers.pipeInput(new TestRecord<>(key, bytes, new RecordHeaders(), NOW));
  }

  void send(VneidLoginEvent event) {
    Headers headers =
        new RecordHeaders().add(EventHeaders.SENT_AT, EventHeaders.micros(++sequence));
    logins.pipeInput(
        new TestRecord<>(
            event.province(), LOGIN.toBytes(event), headers, event.eventTime().toInstant()));
  }

  /**
   * Lets the wall clock run past the emit interval twice: the units emit, then the levels emit the
   * deltas the units just sent them.
   */
  void emit() {
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
  }

  /** Every record written so far to a topic, after an emission (consumes them). */
  @SuppressWarnings("unchecked")
  <V> List<TestRecord<String, V>> read(Topic<String, V> topic) {
    emit();
    TestOutputTopic<String, V> output =
        (TestOutputTopic<String, V>)
            outputs.computeIfAbsent(
                topic.name(),
                name ->
                    driver.createOutputTopic(
                        name, topic.keySerde().deserializer(), topic.valueSerde().deserializer()));
    return output.readRecordsToList();
  }

  /** The last value per key of everything written so far to an aggregate topic. */
  Map<String, OnlineRateUpdate> latest(Topic<String, OnlineRateUpdate> topic) {
    Map<String, OnlineRateUpdate> latest = new LinkedHashMap<>();
    read(topic).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  Map<String, LoginRateUpdate> latestLogins(Topic<String, LoginRateUpdate> topic) {
    Map<String, LoginRateUpdate> latest = new LinkedHashMap<>();
    read(topic).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    read(Topics.DEAD_LETTERS).forEach(r -> letters.add(r.value()));
    return letters;
  }

  @Override
  public void close() {
    driver.close();
  }
}
