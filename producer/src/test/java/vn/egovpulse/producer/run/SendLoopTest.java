package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.replay.RecordedEvent;
import vn.egovpulse.producer.replay.RecordingReader;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

class SendLoopTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
  static final long WALL_MICROS = WALL.getEpochSecond() * 1_000_000L;
  static final List<OutgoingEvent> EVENTS =
      new EventGenerator(DAY, 0.01).stream(0).limit(50).toList();

  final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  final FakeClock clock = new FakeClock(WALL);
  final SendLoop loop =
      new SendLoop("TestRun", clock, clock.sleeper(), () -> new EventSender(producer, "test"));

  final SendLoop[] stoppable = new SendLoop[1];

  /** Send k is due k milliseconds after the start. */
  static final SendLoop.Schedule EVERY_MILLI = (pacer, k, at) -> pacer.wallStartMicros() + k * 1000;

  @Test
  void sendsEachOnItsScheduleUpToTheLimitAndSaysWhatItDid() {
    List<Long> hooked = new ArrayList<>();
    SendOutcome outcome =
        loop.pacedBy(EVERY_MILLI)
            .limit(20)
            .onSent(hooked::add)
            .run(Sends.asGenerated(EVENTS.iterator()));

    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(20);
    for (int k = 0; k < 20; k++) {
      assertThat(sent.get(k).value()).isEqualTo(EVENTS.get(k).value());
      assertThat(EventHeaders.sentAtMicros(sent.get(k).headers()))
          .isEqualTo(WALL_MICROS + k * 1000L);
    }
    assertThat(hooked).hasSize(20).startsWith(0L, 1L, 2L).endsWith(19L);
    assertThat(outcome.eventsSent()).isEqualTo(20);
    assertThat(outcome.dossiersAcked() + outcome.loginsAcked()).isEqualTo(20);
    assertThat(outcome.stopped()).isFalse();
    assertThat(outcome.exhausted()).isFalse();
    assertThat(outcome.complete()).isTrue();
    assertThat(outcome.maxLagMicros()).isZero();
    assertThat(outcome.wallStartMicros()).isEqualTo(WALL_MICROS);
    assertThat(outcome.sendEndMicros()).isEqualTo(WALL_MICROS + 19_000);
    assertThat(outcome.resumeFrom()).isEqualTo(-1);
    assertThat(loop.state().isFinished()).isTrue();
    assertThat(loop.state().eventsSent()).isEqualTo(20);
    assertThat(loop.state().progress().finished()).isTrue();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void aStopEndsTheLoopBeforeTheNextSend() {
    SendOutcome outcome =
        loop.pacedBy(EVERY_MILLI)
            .onSent(
                k -> {
                  if (k == 2) {
                    loop.stop();
                  }
                })
            .run(Sends.asGenerated(EVENTS.iterator()));

    assertThat(producer.history()).hasSize(3);
    assertThat(outcome.stopped()).isTrue();
    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.eventsSent()).isEqualTo(3);
  }

  @Test
  void anUnpacedLoopStopsToo() {
    SendOutcome outcome =
        loop.onSent(
                k -> {
                  if (k == 4) {
                    loop.stop();
                  }
                })
            .run(Sends.asGenerated(EVENTS.iterator()));

    assertThat(producer.history()).hasSize(5);
    assertThat(outcome.stopped()).isTrue();
  }

  @Test
  void aStopWhileWaitingSendsNothingMore() {
    SendLoop stopping =
        new SendLoop(
            "TestRun",
            clock,
            nanos -> {
              clock.advanceMicros(1);
              stoppable[0].stop();
            },
            () -> new EventSender(producer, "test"));
    stoppable[0] = stopping;

    SendOutcome outcome =
        stopping
            .pacedBy((pacer, k, at) -> pacer.wallStartMicros() + 1_000_000)
            .run(Sends.asGenerated(EVENTS.iterator()));

    assertThat(producer.history()).isEmpty();
    assertThat(outcome.stopped()).isTrue();
    assertThat(outcome.exhausted()).isFalse();
  }

  @Test
  void anUnpacedLoopEndsWhenItsTimeIsUp() {
    SendOutcome outcome =
        loop.lastingAtMost(10_000)
            .onSent(k -> clock.advanceMicros(1_000))
            .run(Sends.asGenerated(EVENTS.iterator()));

    assertThat(producer.history()).hasSize(10);
    assertThat(outcome.stopped()).isFalse();
    assertThat(outcome.exhausted()).isFalse();
  }

  @Test
  void sourceRunningOutIsExhausted() {
    SendOutcome outcome =
        loop.pacedBy(EVERY_MILLI)
            .limit(100)
            .run(Sends.asGenerated(EVENTS.subList(0, 7).iterator()));

    assertThat(producer.history()).hasSize(7);
    assertThat(outcome.exhausted()).isTrue();
    assertThat(outcome.complete()).isTrue();
  }

  @Test
  void aFailingSourceHasWhatWasSentFlushedAndItsErrorPassesThrough() {
    MockProducer<String, byte[]> manual =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    SendLoop failing =
        new SendLoop("TestRun", clock, clock.sleeper(), () -> new EventSender(manual, "test"));
    Iterator<OutgoingEvent> events = EVENTS.iterator();
    Sends breaksAtFour =
        new Sends() {
          OutgoingEvent current;
          int n;

          @Override
          public boolean advance() {
            if (n++ == 4) {
              assertThat(manual.flushed()).isFalse();
              throw new IllegalStateException("bad line");
            }
            current = events.next();
            return true;
          }

          @Override
          public OutgoingEvent event() {
            return current;
          }

          @Override
          public long sendAtMillis() {
            return current.eventTimeMillis();
          }
        };

    assertThatThrownBy(() -> failing.run(breaksAtFour)).hasMessage("bad line");
    assertThat(manual.history()).hasSize(4);
    assertThat(manual.flushed()).isTrue();
    assertThat(failing.state().eventsSent()).isEqualTo(4);
    assertThat(failing.state().isFinished()).isTrue();
  }

  @Test
  void recordsEverySendAtItsSimulatedMoment(@TempDir Path dir) {
    Path file = dir.resolve("sends.jsonl.gz");
    loop.recordTo(file).limit(5).run(Sends.asGenerated(EVENTS.iterator()));

    List<RecordedEvent> recorded = new ArrayList<>();
    try (RecordingReader reader = RecordingReader.open(file)) {
      for (RecordedEvent e = reader.next(); e != null; e = reader.next()) {
        recorded.add(e);
      }
    }
    assertThat(recorded).hasSize(5);
    for (int k = 0; k < 5; k++) {
      assertThat(recorded.get(k).value()).isEqualTo(EVENTS.get(k).value());
      assertThat(recorded.get(k).sendAtMillis()).isEqualTo(EVENTS.get(k).eventTimeMillis());
    }
  }

  @Test
  void runsOnceAndTakesNoSettingsOnceStarted() {
    loop.limit(1).run(Sends.asGenerated(EVENTS.iterator()));

    assertThatThrownBy(() -> loop.run(Sends.asGenerated(EVENTS.iterator())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a TestRun runs once");
    assertThatThrownBy(() -> loop.limit(2)).isInstanceOf(IllegalStateException.class);
  }
}
