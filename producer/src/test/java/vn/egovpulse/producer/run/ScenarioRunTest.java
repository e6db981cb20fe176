package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

class ScenarioRunTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  RunSettings settings(Speed speed, OffsetDateTime until) {
    return new RunSettings("unused:9092", Map.of(), DAY, speed, 0.01, "test-run", until);
  }

  @Test
  void sendsTheGeneratorsEventsOnTheScheduleUntilTheLimit() {
    FakeClock clock = new FakeClock(WALL);
    OffsetDateTime until = DAY.start().plusHours(10);
    ScenarioRun run =
        new ScenarioRun(
            settings(Speed.times(3600), until),
            clock,
            clock.sleeper(),
            () -> new EventSender(producer, "test-run"));

    RunResult result = run.run();

    EventGenerator generator = new EventGenerator(DAY, 0.01);
    List<OutgoingEvent> expected =
        generator.stream(0)
            .takeWhile(e -> e.eventTimeMillis() < until.toInstant().toEpochMilli())
            .toList();
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(expected.size());
    long simStart = DAY.start().toInstant().toEpochMilli();
    long wallStart = WALL.getEpochSecond() * 1_000_000L;
    for (int i = 0; i < sent.size(); i++) {
      assertThat(sent.get(i).value()).isEqualTo(expected.get(i).value());
      // ×3600: a simulated hour per wall second, so a simulated millisecond is 1/3.6 wall
      // microseconds
      long due =
          wallStart
              + (long) Math.floor((expected.get(i).eventTimeMillis() - simStart) * 1000.0 / 3600);
      assertThat(EventHeaders.sentAtMicros(sent.get(i).headers())).isEqualTo(due);
    }
    assertThat(result.eventsSent()).isEqualTo(expected.size());
    assertThat(result.dossiersAcked() + result.loginsAcked()).isEqualTo(expected.size());
    assertThat(result.errors()).isZero();
    assertThat(result.simulatedEnd()).isEqualTo(until);
    assertThat(result.wallTime()).isEqualTo(Duration.ofSeconds(10)); // waits for the simulated end
    assertThat(result.stopped()).isFalse();
    assertThat(run.progress().finished()).isTrue();
    assertThat(run.progress().simulatedTime()).isEqualTo(until);
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void atMaxSpeedSendsEverythingWithoutWaiting() {
    FakeClock clock = new FakeClock(WALL);
    ScenarioRun run =
        new ScenarioRun(
            settings(Speed.max(), null),
            clock,
            nanos -> {
              throw new AssertionError("no waiting at max");
            },
            () -> new EventSender(producer, "test-run"));

    RunResult result = run.run();

    assertThat(result.eventsSent()).isEqualTo(run.generator().size()).isEqualTo(3_000 + 4_250);
    assertThat(result.dossiersSent()).isEqualTo(3_000);
    assertThat(result.simulatedEnd()).isEqualTo(DAY.end());
  }

  @Test
  void stopEndsARunEarlyAndFlushes() throws Exception {
    ScenarioRun run =
        new ScenarioRun(
            settings(Speed.times(600), null),
            java.time.InstantSource.system(),
            vn.egovpulse.producer.pace.Pacer.Sleeper.parking(),
            () -> new EventSender(producer, "test-run"));
    CompletableFuture<RunResult> result = CompletableFuture.supplyAsync(run::run);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (run.progress().eventsSent() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling with a deadline: at ×600 the first events are due within a second
    }

    run.stop();

    RunResult done = result.get(10, TimeUnit.SECONDS);
    assertThat(done.stopped()).isTrue();
    assertThat(done.eventsSent()).isPositive().isLessThan(run.generator().size());
    assertThat(done.simulatedEnd()).isBefore(DAY.end());
    assertThat(producer.closed()).isTrue();
    assertThatThrownBy(run::run).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsNameTheirField() {
    assertThatThrownBy(() -> new RunSettings("", Map.of(), DAY, Speed.max(), 1, "r", null))
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> new RunSettings("h:1", Map.of(), DAY, Speed.max(), 0, "r", null))
        .hasMessageContaining("scale");
    assertThatThrownBy(
            () -> new RunSettings("h:1", Map.of(), DAY, Speed.max(), 1, "r", DAY.start()))
        .hasMessageContaining("until");
  }
}
