package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.ClockSkew;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Outage;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.topics.Topics;

/**
 * A scenario run sends through its delivery model: the same sends at any speed, and their truth.
 */
class ScenarioRunDeliveryTest {
  static final List<DeliveryRule> RULES =
      List.of(
          new DeliveryRule(Level.PROVINCE, List.of("01", "79"), null, 60, null, null, null, null),
          new DeliveryRule(Level.MINISTRY, List.of("BCA"), 20, null, null, null, null, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("48"),
              null,
              null,
              new Outage(
                  OffsetDateTime.parse("2024-06-25T07:00+07:00"),
                  OffsetDateTime.parse("2024-06-25T08:00+07:00"),
                  true),
              null,
              null,
              null),
          new DeliveryRule(null, null, null, null, null, 0.02, 120, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("31"),
              null,
              null,
              null,
              null,
              null,
              new ClockSkew(0.2, 180)));
  static final Scenario DAY = Scenarios.load("working-day").withDelivery(RULES);
  static final OffsetDateTime UNTIL = DAY.start().plusHours(10);
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  static RunSettings settings(Speed speed) {
    return new RunSettings("unused:9092", Map.of(), DAY, speed, 0.01, "delivery-run", UNTIL);
  }

  static MockProducer<String, byte[]> producer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  record Sent(String topic, String key, long timestamp, byte[] value) {
    static Sent of(ProducerRecord<String, byte[]> r) {
      return new Sent(r.topic(), r.key(), r.timestamp(), r.value());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sent s
          && s.topic.equals(topic)
          && s.key.equals(key)
          && s.timestamp == timestamp
          && java.util.Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(topic, key, timestamp, java.util.Arrays.hashCode(value));
    }
  }

  @Test
  void sendsTheDeliveryQueuesSendsPacedByTheirSendMomentTheSameAtAnySpeed() {
    FakeClock clock = new FakeClock(WALL);
    MockProducer<String, byte[]> paced = producer();
    RunResult result =
        new ScenarioRun(
                settings(Speed.times(3600)),
                clock,
                clock.sleeper(),
                () -> new EventSender(paced, "delivery-run"))
            .run();
    MockProducer<String, byte[]> fast = producer();
    new ScenarioRun(
            settings(Speed.max()),
            new FakeClock(WALL),
            nanos -> {
              throw new AssertionError("no waiting at max");
            },
            () -> new EventSender(fast, "delivery-run"))
        .run();

    EventGenerator generator = new EventGenerator(DAY, 0.01);
    long planned = generator.indexAt(UNTIL.toInstant());
    DeliveryQueue queue =
        DeliveryModel.of(RULES, DAY.seed()).over(DeliveryQueue.until(generator.cursor(0), planned));
    List<Delivered> expected = new ArrayList<>();
    queue.forEachRemaining(expected::add);

    List<Sent> atSpeed = paced.history().stream().map(Sent::of).toList();
    assertThat(fast.history().stream().map(Sent::of).toList()).isEqualTo(atSpeed);
    assertThat(atSpeed).hasSize(expected.size());
    assertThat(queue.copies()).isPositive();
    assertThat(queue.skewed()).isPositive();
    long simStart = DAY.start().toInstant().toEpochMilli();
    long wallStart = WALL.getEpochSecond() * 1_000_000L;
    for (int i = 0; i < expected.size(); i++) {
      Delivered d = expected.get(i);
      assertThat(atSpeed.get(i).value()).isEqualTo(d.event().value());
      assertThat(atSpeed.get(i).timestamp()).isEqualTo(d.event().eventTimeMillis());
      long due = wallStart + (long) Math.floor((d.sendAtMillis() - simStart) * 1000.0 / 3600);
      assertThat(EventHeaders.sentAtMicros(paced.history().get(i).headers())).isEqualTo(due);
    }
    assertThat(result.eventsSent()).isEqualTo(expected.size());
    assertThat(result.resumeFrom()).as("not resumable").isEqualTo(-1);
    assertThat(result.stopped()).isFalse();
  }

  @Test
  void aCompleteRunPublishesTheTruthOfItsSendsJudgedByTheRules() {
    MockProducer<String, ExpectedCount> expected =
        new MockProducer<>(
            true,
            null,
            Topics.EXPECTED.keySerde().serializer(),
            Topics.EXPECTED.valueSerde().serializer());
    ScenarioRun run =
        new ScenarioRun(
                settings(Speed.max()),
                new FakeClock(WALL),
                nanos -> {},
                () -> new EventSender(producer(), "delivery-run"))
            .publishExpectedWith(() -> expected);

    run.run();

    GroundTruth truth =
        GroundTruth.delivered(
            run.generator(),
            DeliveryModel.of(RULES, DAY.seed()),
            run.plannedEvents(),
            LatenessRules.DEFAULT);
    List<ExpectedCount> published = expected.history().stream().map(ProducerRecord::value).toList();
    assertThat(published)
        .containsExactlyInAnyOrderElementsOf(ExpectedPublisher.of(truth, "delivery-run").counts());
    assertThat(published)
        .extracting(ExpectedCount::kind)
        .contains(ExpectedCount.Kind.DEAD_LETTERS, ExpectedCount.Kind.DUPLICATES);
    assertThat(truth.received()).isGreaterThan(run.plannedEvents());
  }

  @Test
  void aRunWithDeliveryModelsCannotResume() {
    ScenarioRun run =
        new ScenarioRun(
            settings(Speed.max()).withFirstEvent(10),
            new FakeClock(WALL),
            nanos -> {},
            () -> new EventSender(producer(), "delivery-run"));

    assertThatThrownBy(run::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a scenario with delivery models cannot resume at event 10: its events are not sent"
                + " in event order; run it from the start");
  }
}
