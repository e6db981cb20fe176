package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.delivery.DeliveryRules;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.replay.RecordingReader;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

/**
 * Recording and replaying a run with delivery models: each send's moment in the file, the same
 * sends in the same order on replay at any speed, and the scenario run's truth.
 */
class ReplayDeliveryTest {
  static final Scenario DAY = Scenarios.load("working-day").withDelivery(DeliveryRules.EVERY_MODEL);
  static final double SCALE = 0.01;
  static final OffsetDateTime UNTIL = DAY.start().plusHours(10);
  static final Instant WALL = Instant.parse("2026-04-01T00:00:00Z");
  static final String RUN_ID = "delivery-replay";

  @TempDir Path dir;

  record Sent(String topic, String key, long timestamp, byte[] value) {
    static Sent of(ProducerRecord<String, byte[]> r) {
      return new Sent(r.topic(), r.key(), r.timestamp(), r.value());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sent s
          && s.topic.equals(topic)
          && Objects.equals(s.key, key)
          && s.timestamp == timestamp
          && Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(topic, key, timestamp, Arrays.hashCode(value));
    }
  }

  static MockProducer<String, byte[]> producer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  static List<Sent> sent(MockProducer<String, byte[]> producer) {
    return producer.history().stream().map(Sent::of).toList();
  }

  /**
   * A scenario run of {@link #DAY} to {@link #UNTIL} at {@code speed}, recorded to {@code file}.
   */
  ScenarioRun record(Speed speed, Path file, MockProducer<String, byte[]> producer) {
    FakeClock clock = new FakeClock(WALL);
    ScenarioRun run =
        new ScenarioRun(
                new RunSettings("unused:9092", Map.of(), DAY, speed, SCALE, RUN_ID, UNTIL),
                clock,
                clock.sleeper(),
                () -> new EventSender(producer, RUN_ID))
            .recordTo(file)
            .writeExpectedTo(dir.resolve("scenario-expected-" + speed + ".jsonl"));
    run.run();
    return run;
  }

  ReplayRun replay(Path file, Speed speed, FakeClock clock, MockProducer<String, byte[]> producer) {
    return new ReplayRun(
            file, speed, RUN_ID, clock, clock.sleeper(), () -> new EventSender(producer, RUN_ID))
        .writeExpectedTo(dir.resolve("replay-expected-" + speed + ".jsonl"));
  }

  /** What the scenario run sends: its delivery queue over events [0, planned). */
  static List<Delivered> sends() {
    EventGenerator generator = new EventGenerator(DAY, SCALE);
    DeliveryQueue queue =
        DeliveryModel.of(DAY.delivery(), DAY.seed())
            .over(DeliveryQueue.until(generator.cursor(0), generator.indexAt(UNTIL.toInstant())));
    List<Delivered> sends = new ArrayList<>();
    queue.forEachRemaining(sends::add);
    return sends;
  }

  @Test
  void aRecordingCarriesEachSendsMomentAndIsTheSameAtAnySpeed() throws IOException {
    Path fast = dir.resolve("max.jsonl.gz");
    Path paced = dir.resolve("paced.jsonl.gz");
    record(Speed.max(), fast, producer());
    record(Speed.times(3600), paced, producer());

    assertThat(Files.readAllBytes(paced)).isEqualTo(Files.readAllBytes(fast));
    List<String> lines = RecordingTest.lines(fast);
    List<Delivered> sends = sends();
    assertThat(lines).hasSize(sends.size());
    ObjectMapper mapper = new ObjectMapper();
    int offTime = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = mapper.readTree(lines.get(i));
      Delivered send = sends.get(i);
      assertThat(line.get("timestamp").asLong()).isEqualTo(send.event().eventTimeMillis());
      if (send.sendAtMillis() == send.event().eventTimeMillis()) {
        assertThat(line.has("sendAt")).as("line %d: sent at its timestamp", i).isFalse();
      } else {
        assertThat(line.get("sendAt").asLong()).as("line %d", i).isEqualTo(send.sendAtMillis());
        offTime++;
      }
    }
    assertThat(offTime).isPositive().isLessThan(lines.size());
    // in send order, the timestamps go back and forth: the reader checks the send moments instead
    RecordingReader.Summary summary = RecordingReader.scan(fast);
    assertThat(summary.firstSendMillis()).isEqualTo(sends.get(0).sendAtMillis());
    assertThat(summary.lastSendMillis()).isEqualTo(sends.get(sends.size() - 1).sendAtMillis());
  }

  @Test
  void aReplaySendsTheRunsSendsInItsOrderPacedByTheirSendMomentsAtAnySpeed() {
    Path file = dir.resolve("run.jsonl.gz");
    MockProducer<String, byte[]> live = producer();
    record(Speed.max(), file, live);

    FakeClock clock = new FakeClock(WALL);
    MockProducer<String, byte[]> paced = producer();
    replay(file, Speed.times(600), clock, paced).run();
    MockProducer<String, byte[]> fast = producer();
    replay(file, Speed.max(), new FakeClock(WALL), fast).run();

    assertThat(sent(paced)).isEqualTo(sent(live)).isEqualTo(sent(fast));
    List<Delivered> sends = sends();
    long first = sends.get(0).sendAtMillis();
    long wallStart = WALL.getEpochSecond() * 1_000_000L;
    for (int i = 0; i < sends.size(); i++) {
      long due =
          wallStart + (long) Math.floor((sends.get(i).sendAtMillis() - first) * 1000.0 / 600);
      assertThat(EventHeaders.sentAtMicros(paced.history().get(i).headers()))
          .as("send %d", i)
          .isEqualTo(due);
    }
    long last = sends.get(sends.size() - 1).sendAtMillis();
    long latestStamp =
        sends.stream().mapToLong(d -> d.event().eventTimeMillis()).max().orElseThrow();
    assertThat(latestStamp).as("a skewed stamp beyond the last send").isGreaterThan(last);
    assertThat(clock.micros())
        .as("the replay ends at the last send, not at the latest stamp")
        .isEqualTo(wallStart + (long) Math.floor((last - first) * 1000.0 / 600));
  }

  @Test
  void aCompletedReplayPublishesTheTruthOfTheRecordedRun() {
    Path file = dir.resolve("run.jsonl.gz");
    ScenarioRun run = record(Speed.max(), file, producer());
    ReplayRun replay = replay(file, Speed.max(), new FakeClock(WALL), producer());

    replay.run();

    List<ExpectedCount> truth = run.expected().orElseThrow().counts();
    assertThat(replay.expectedError()).isEmpty();
    assertThat(replay.expected().orElseThrow().counts()).isEqualTo(truth);
    assertThat(truth)
        .extracting(ExpectedCount::kind)
        .contains(ExpectedCount.Kind.DEAD_LETTERS, ExpectedCount.Kind.DUPLICATES);
  }
}
