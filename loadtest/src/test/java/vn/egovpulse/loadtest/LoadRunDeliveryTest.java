package vn.egovpulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.delivery.DeliveryRules;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Outage;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;

/**
 * A load run with delivery models: the scenario run's sends, one per slot of the shape, the same at
 * any shape, and the truth of the sends it made.
 */
class LoadRunDeliveryTest {
  static final Scenario DAY = Scenarios.load("working-day").withDelivery(DeliveryRules.EVERY_MODEL);
  static final double SCALE = 0.01;
  static final Instant WALL = Instant.parse("2026-02-01T00:00:00Z");
  static final String RUN_ID = "load-delivery";

  @TempDir Path dir;

  record Sent(String topic, String key, long timestamp, byte[] value) {
    static Sent of(ProducerRecord<String, byte[]> r) {
      return new Sent(r.topic(), r.key(), r.timestamp(), r.value());
    }

    static Sent of(Delivered d) {
      return new Sent(
          d.event().topic(), d.event().key(), d.event().eventTimeMillis(), d.event().value());
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

  static LoadRun load(
      Scenario scenario, LoadPlan plan, FakeClock clock, MockProducer<String, byte[]> producer) {
    LoadSettings settings =
        new LoadSettings("unused:9092", Map.of(), scenario, SCALE, plan, RUN_ID);
    return new LoadRun(
            settings, clock, clock.sleeper(), () -> new EventSender(producer, RUN_ID), null)
        .publishExpected(false);
  }

  /** The first {@code n} sends of the scenario's delivery queue over all its events. */
  static List<Delivered> firstSends(Scenario scenario, long n) {
    EventGenerator generator = new EventGenerator(scenario, SCALE);
    DeliveryQueue queue =
        DeliveryModel.of(scenario.delivery(), scenario.seed())
            .over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    List<Delivered> sends = new ArrayList<>();
    while (sends.size() < n && queue.hasNext()) {
      sends.add(queue.next());
    }
    return sends;
  }

  @Test
  void theKthSendOfTheDeliveryQueueGoesOutAtTheKthSlotTheSameAtAnyShape() {
    FakeClock clock = new FakeClock(WALL);
    long start = clock.micros();
    MockProducer<String, byte[]> paced = producer();
    LoadPlan plan = LoadShapes.plan("constant:2000", null, 4000L);
    LoadResult result = load(DAY, plan, clock, paced).run();
    MockProducer<String, byte[]> fast = producer();
    load(DAY, LoadShapes.plan("max", null, 4000L), new FakeClock(WALL), fast).run();

    List<Delivered> expected = firstSends(DAY, 4000);
    List<Sent> sent = paced.history().stream().map(Sent::of).toList();
    assertThat(sent).isEqualTo(expected.stream().map(Sent::of).toList());
    assertThat(fast.history().stream().map(Sent::of).toList()).isEqualTo(sent);
    for (int k = 0; k < sent.size(); k++) {
      assertThat(EventHeaders.sentAtMicros(paced.history().get(k).headers()))
          .isEqualTo(start + plan.shape().scheduledMicros(k));
    }
    // the models acted within these sends: copies, a skewed stamp, sends out of event-time order
    assertThat(expected).anyMatch(Delivered::copy).anyMatch(d -> d.skewMillis() > 0);
    assertThat(sent)
        .extracting(Sent::timestamp)
        .isNotEqualTo(sent.stream().map(Sent::timestamp).sorted().toList());
    assertThat(result.eventsSent()).isEqualTo(4000);
    assertThat(result.complete()).isTrue();
    assertThat(result.scenarioExhausted()).isFalse();
  }

  @Test
  void aLoadRunOfAllTheSendsHasTheSendsAndTheTruthOfTheScenarioRun() {
    MockProducer<String, byte[]> scenarioProducer = producer();
    ScenarioRun scenarioRun =
        new ScenarioRun(
                new RunSettings("unused:9092", Map.of(), DAY, Speed.max(), SCALE, RUN_ID, null),
                new FakeClock(WALL),
                nanos -> {},
                () -> new EventSender(scenarioProducer, RUN_ID))
            .writeExpectedTo(dir.resolve("scenario.jsonl"));
    RunResult scenarioResult = scenarioRun.run();

    MockProducer<String, byte[]> loadProducer = producer();
    LoadRun loadRun =
        load(
                DAY,
                LoadShapes.plan("constant:100000", null, scenarioResult.eventsSent()),
                new FakeClock(WALL),
                loadProducer)
            .writeExpectedTo(dir.resolve("load.jsonl"));
    LoadResult loadResult = loadRun.run();

    assertThat(loadResult.complete()).isTrue();
    assertThat(loadProducer.history().stream().map(Sent::of).toList())
        .isEqualTo(scenarioProducer.history().stream().map(Sent::of).toList());
    List<ExpectedCount> scenarioTruth = scenarioRun.expected().orElseThrow().counts();
    assertThat(loadRun.expected().orElseThrow().counts()).isEqualTo(scenarioTruth);
    assertThat(scenarioTruth)
        .extracting(ExpectedCount::kind)
        .contains(ExpectedCount.Kind.DEAD_LETTERS, ExpectedCount.Kind.DUPLICATES);
    // the duplicates make more sends than events; one more than the sends is refused up front
    long events = loadRun.generator().size();
    assertThat(scenarioResult.eventsSent()).isGreaterThan(events);
    assertThatThrownBy(
            () ->
                load(
                    DAY,
                    LoadShapes.plan("max", null, scenarioResult.eventsSent() + 1),
                    new FakeClock(WALL),
                    producer()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "--events "
                + (scenarioResult.eventsSent() + 1)
                + " is more than the "
                + scenarioResult.eventsSent()
                + " sends ("
                + events
                + " events through its delivery models) of scenario working-day");
  }

  @Test
  void theTruthOfFewerSendsIsTheRulesAppliedToThoseSendsInSendOrder() {
    LoadRun run =
        load(DAY, LoadShapes.plan("max", null, 3000L), new FakeClock(WALL), producer())
            .writeExpectedTo(dir.resolve("expected.jsonl"));
    run.run();

    GroundTruth.Builder judged = GroundTruth.builder(LatenessRules.DEFAULT);
    firstSends(DAY, 3000).forEach(judged::add);
    GroundTruth truth = judged.build();
    assertThat(truth.received()).isEqualTo(3000);
    assertThat(run.expected().orElseThrow().counts())
        .isEqualTo(ExpectedPublisher.of(truth, RUN_ID).counts());
    // not the truth of events [0, 3000) through the model: later events' sends come before some
    GroundTruth eventPrefix =
        GroundTruth.delivered(run.generator(), run.delivery(), 3000, LatenessRules.DEFAULT);
    assertThat(ExpectedPublisher.of(eventPrefix, RUN_ID).counts())
        .isNotEqualTo(ExpectedPublisher.of(truth, RUN_ID).counts());
  }

  @Test
  void aRunOutOfSendsBeforeItsCountEndsThereAndPublishesTheTruthOfWhatItSent() {
    // a whole province offline all morning without backfill: fewer sends than events
    Scenario dropping =
        Scenarios.load("working-day")
            .withDelivery(
                List.of(
                    new DeliveryRule(
                        Level.PROVINCE,
                        List.of("79"),
                        null,
                        null,
                        new Outage(
                            OffsetDateTime.parse("2024-06-25T00:00+07:00"),
                            OffsetDateTime.parse("2024-06-25T12:00+07:00"),
                            false),
                        null,
                        null,
                        null)));
    long events = new EventGenerator(dropping, SCALE).size();
    LoadRun run =
        load(dropping, LoadShapes.plan("max", null, events), new FakeClock(WALL), producer())
            .writeExpectedTo(dir.resolve("expected.jsonl"));

    LoadResult result = run.run();

    long sends = firstSends(dropping, events).size();
    assertThat(sends).isLessThan(events);
    assertThat(result.scenarioExhausted()).isTrue();
    assertThat(result.eventsSent()).isEqualTo(sends);
    assertThat(result.complete()).isTrue();
    assertThat(run.expected().orElseThrow().counts())
        .isEqualTo(
            ExpectedPublisher.of(
                    GroundTruth.firstSends(
                        run.generator(), run.delivery(), sends, LatenessRules.DEFAULT),
                    RUN_ID)
                .counts());
  }

  @Test
  void aDeliveryScenarioReplacesTheScenariosOwnBlockAndOneWithoutABlockTurnsThemOff() {
    Scenario sync = Scenarios.load("sync-delays");
    Scenario workingDay = Scenarios.load("working-day");

    Scenario through = LoadSettings.withDeliveryOf(workingDay, "sync-delays");
    assertThat(through.delivery()).isNotEmpty().isEqualTo(sync.delivery());
    assertThat(through.name()).isEqualTo("working-day");
    assertThat(LoadSettings.withDeliveryOf(sync, "working-day").delivery()).isEmpty();
    assertThat(LoadSettings.withDeliveryOf(DAY, "sync-delays").delivery())
        .isEqualTo(sync.delivery());
  }
}
