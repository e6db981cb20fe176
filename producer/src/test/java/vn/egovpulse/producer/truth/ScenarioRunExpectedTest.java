package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.topics.Topics;

/** A run ends by publishing the ground truth of what it sent (docs/guarantees.md). */
class ScenarioRunExpectedTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final OffsetDateTime UNTIL = DAY.start().plusHours(9);

  final MockProducer<String, ExpectedCount> expected = expectedProducer();

  static MockProducer<String, ExpectedCount> expectedProducer() {
    return new MockProducer<>(
        true,
        null,
        Topics.EXPECTED.keySerde().serializer(),
        Topics.EXPECTED.valueSerde().serializer());
  }

  ScenarioRun run() {
    return run(UNTIL);
  }

  ScenarioRun run(OffsetDateTime until) {
    return new ScenarioRun(
        new RunSettings("unused:9092", Map.of(), DAY, Speed.max(), 0.01, "truth-run", until),
        InstantSource.system(),
        Pacer.Sleeper.parking(),
        () ->
            new EventSender(
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()),
                "truth-run"));
  }

  @Test
  void aCompleteRunPublishesAndWritesWhatItSent(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("expected.jsonl");
    ScenarioRun run = run().publishExpectedWith(() -> expected).writeExpectedTo(file);

    RunResult result = run.run();

    assertThat(result.stopped()).isFalse();
    assertThat(result.eventsSent()).isPositive();
    assertThat(run.expectedError()).isEmpty();
    ExpectedPublisher truth =
        ExpectedPublisher.of(GroundTruth.sent(run.generator(), UNTIL), "truth-run");
    assertThat(truth.counts()).isNotEmpty();
    // streamed as the windows close: the same records, in another order
    assertThat(expected.history().stream().map(ProducerRecord::value).toList())
        .containsExactlyInAnyOrderElementsOf(truth.counts());
    assertThat(expected.closed()).isTrue();
    assertThat(ExpectedPublisher.readJsonLines(file))
        .containsExactlyInAnyOrderElementsOf(truth.counts());
    assertThat(run.expected())
        .hasValueSatisfying(e -> assertThat(e.counts()).isEqualTo(truth.counts()));
    // what the aggregates should hold is exactly what the broker acknowledged
    long dossiers =
        truth.counts().stream()
            .filter(c -> c.kind() == ExpectedCount.Kind.DOSSIERS && c.key().startsWith("NATIONAL:"))
            .filter(c -> c.window() == vn.egovpulse.events.WindowKind.DAY)
            .mapToLong(ExpectedCount::total)
            .sum();
    assertThat(dossiers).isEqualTo(result.dossiersAcked());
  }

  @Test
  void aStoppedRunPublishesNothing() {
    // a run that plans no event: stopped or not, it sends and acknowledges everything it planned
    OffsetDateTime nothing = DAY.start().plusNanos(1_000_000);
    ScenarioRun complete = run(nothing).publishExpectedWith(() -> expected);
    MockProducer<String, ExpectedCount> notExpected = expectedProducer();
    ScenarioRun stopped = run(nothing).publishExpectedWith(() -> notExpected);
    assertThat(stopped.plannedEvents()).isZero();
    stopped.stop();

    assertThat(complete.run().stopped()).isFalse();
    assertThat(stopped.run().stopped()).isTrue();

    assertThat(complete.expected()).hasValueSatisfying(e -> assertThat(e.counts()).isEmpty());
    assertThat(stopped.expected()).isEmpty();
    assertThat(stopped.expectedError()).isEmpty();
    assertThat(notExpected.closed()).isFalse();
  }

  @Test
  void withAnInjectedSenderPublishingIsOffUnlessAskedFor() {
    ScenarioRun run = run();

    run.run();

    assertThat(run.expected()).isEmpty();
    assertThat(run.expectedError()).isEmpty();
  }

  @Test
  void aFailedPublicationIsReportedWithoutFailingTheRun() {
    ScenarioRun run =
        run()
            .publishExpectedWith(
                () -> {
                  throw new IllegalStateException("no broker");
                });

    RunResult result = run.run();

    assertThat(result.errors()).isZero();
    assertThat(run.expected()).isEmpty();
    assertThat(run.expectedError()).hasValueSatisfying(e -> assertThat(e).hasMessage("no broker"));
  }
}
