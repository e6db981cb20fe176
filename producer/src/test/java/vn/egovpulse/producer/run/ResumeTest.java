package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.GroundTruth;

/** A run that starts at event N sends what an uninterrupted run would have sent from N on. */
class ResumeTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  static RunSettings settings(long firstEvent) {
    return new RunSettings("unused:9092", Map.of(), DAY, Speed.max(), 0.01, "r", null, firstEvent);
  }

  static RunResult run(RunSettings settings, MockProducer<String, byte[]> producer) {
    FakeClock clock = new FakeClock(WALL);
    return new ScenarioRun(settings, clock, clock.sleeper(), () -> new EventSender(producer, "r"))
        .run();
  }

  static MockProducer<String, byte[]> autoCompleting() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void twoRunsSplitAtTheRecordedPositionSendEveryEventOnce() {
    MockProducer<String, byte[]> whole = autoCompleting();
    RunResult all = run(settings(0), whole);
    assertThat(all.firstEvent()).isZero();
    assertThat(all.resumeFrom()).isEqualTo(all.eventsSent()).isEqualTo(7_250);

    MockProducer<String, byte[]> first = autoCompleting();
    MockProducer<String, byte[]> second = autoCompleting();
    RunResult head =
        run(settings(0).withUntil(DAY.start().plusHours(11)), first); // stands in for a stop
    RunResult tail = run(settings(head.resumeFrom()), second);

    assertThat(tail.firstEvent()).isEqualTo(head.resumeFrom());
    assertThat(tail.resumeFrom()).isEqualTo(all.resumeFrom());
    List<ProducerRecord<String, byte[]>> joined = new ArrayList<>(first.history());
    joined.addAll(second.history());
    assertThat(joined).hasSameSizeAs(whole.history());
    for (int i = 0; i < joined.size(); i++) {
      assertThat(joined.get(i).value()).isEqualTo(whole.history().get(i).value());
      assertThat(joined.get(i).key()).isEqualTo(whole.history().get(i).key());
    }
    EventGenerator generator = new EventGenerator(DAY, 0.01);
    GroundTruth truth = GroundTruth.of(generator, 0, all.resumeFrom());
    assertThat(truth.dossierEvents() + truth.loginEvents() + truth.held()).isEqualTo(joined.size());
  }

  @Test
  void theRecordedPositionStopsAtTheFirstUnacknowledgedEvent() throws Exception {
    // the broker answers records 0..9 of this run, fails 10, then answers the rest
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            for (int i = 0; i < 10; i++) {
              completeNext();
            }
            errorNext(new RuntimeException("lost leader"));
            while (completeNext()) {
              // acknowledged
            }
          }
        };
    FakeClock clock = new FakeClock(WALL);
    ScenarioRun run =
        new ScenarioRun(
            settings(100).withUntil(DAY.start().plusHours(9)),
            clock,
            clock.sleeper(),
            () -> new EventSender(producer, "r"));
    RunResult result = run.run();
    assertThat(result.eventsSent()).isGreaterThan(11);
    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.firstEvent()).isEqualTo(100);
    assertThat(result.resumeFrom()).isEqualTo(110);
    assertThat(run.progress().resumeFrom()).isEqualTo(110);
  }

  @Test
  void aFirstEventBeyondTheEndIsRefused() {
    assertThatThrownBy(() -> run(settings(7_251), autoCompleting()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7251")
        .hasMessageContaining("7250 events");
    assertThat(run(settings(7_250), autoCompleting()).eventsSent()).isZero();
    assertThatThrownBy(() -> settings(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstEvent");
  }

  @Test
  void aResumedRunReportsItsPositionInTheScenario() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FakeClock clock = new FakeClock(WALL);
    ScenarioRun run =
        new ScenarioRun(
            settings(5_000),
            clock,
            clock.sleeper(),
            () -> new EventSender(autoCompleting(), "r"),
            registry);
    double before = registry.get(ProducerMetrics.SCENARIO_PROGRESS).gauge().value();
    assertThat(before).isEqualTo(5_000.0 / run.plannedEvents());
    run.run();
    assertThat(registry.get(ProducerMetrics.SCENARIO_PROGRESS).gauge().value()).isEqualTo(1.0);
  }
}
