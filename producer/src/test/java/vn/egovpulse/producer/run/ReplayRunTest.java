package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.replay.RecordedEvent;
import vn.egovpulse.producer.replay.RecordingException;
import vn.egovpulse.producer.replay.RecordingReader;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;

class ReplayRunTest {
  static final Instant WALL = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  static MockProducer<String, byte[]> mock() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void aReplaySendsExactlyTheRecordedRecordsInOrderOnTheRecordedTiming() {
    Path file = dir.resolve("run.jsonl.gz");
    RecordingTest.record(RecordingTest.DAY, Speed.max(), file, WALL);
    List<OutgoingEvent> recorded =
        new EventGenerator(RecordingTest.DAY, RecordingTest.SCALE)
            .stream(0)
                .takeWhile(
                    e -> e.eventTimeMillis() < RecordingTest.UNTIL.toInstant().toEpochMilli())
                .toList();

    FakeClock clock = new FakeClock(WALL);
    MockProducer<String, byte[]> producer = mock();
    ReplayRun replay =
        new ReplayRun(
            file,
            Speed.times(600),
            "replay-1",
            clock,
            clock.sleeper(),
            () -> new EventSender(producer, "replay-1"));
    RunResult result = replay.run();

    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(recorded.size());
    long first = recorded.get(0).eventTimeMillis();
    long wallStart = WALL.getEpochSecond() * 1_000_000L;
    for (int i = 0; i < sent.size(); i++) {
      ProducerRecord<String, byte[]> record = sent.get(i);
      OutgoingEvent event = recorded.get(i);
      assertThat(record.topic()).isEqualTo(event.topic());
      assertThat(record.key()).isEqualTo(event.key());
      assertThat(record.timestamp()).isEqualTo(event.eventTimeMillis());
      assertThat(record.value()).isEqualTo(event.value());
      long due = wallStart + (long) Math.floor((event.eventTimeMillis() - first) * 1000.0 / 600);
      assertThat(EventHeaders.sentAtMicros(record.headers())).isEqualTo(due);
      assertThat(
              new String(
                  record.headers().lastHeader(EventHeaders.RUN_ID).value(), StandardCharsets.UTF_8))
          .isEqualTo("replay-1");
    }
    long dossiers = recorded.stream().filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER).count();
    assertThat(result.dossiersSent()).isEqualTo(dossiers).isPositive();
    assertThat(result.loginsSent()).isEqualTo(recorded.size() - dossiers).isPositive();
    assertThat(result.dossiersAcked() + result.loginsAcked()).isEqualTo(recorded.size());
    assertThat(result.stopped()).isFalse();
    assertThat(result.simulatedStart().toInstant().toEpochMilli()).isEqualTo(first);
    assertThat(clock.micros())
        .isEqualTo(
            wallStart
                + (long)
                    Math.floor(
                        (recorded.get(recorded.size() - 1).eventTimeMillis() - first)
                            * 1000.0
                            / 600));
    assertThat(replay.progress().eventsSent()).isEqualTo(recorded.size());
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void aCompletedReplayDeliversTheTruthOfWhatItSent() throws IOException {
    Path file = dir.resolve("run.jsonl.gz");
    RecordingTest.record(RecordingTest.DAY, Speed.max(), file, WALL);
    EventGenerator generator = new EventGenerator(RecordingTest.DAY, RecordingTest.SCALE);
    long recorded = generator.indexAt(RecordingTest.UNTIL.toInstant());
    Path expected = dir.resolve("expected.jsonl");
    FakeClock clock = new FakeClock(WALL);
    MockProducer<String, byte[]> producer = mock();
    ReplayRun replay =
        new ReplayRun(
                file,
                Speed.max(),
                "replay-2",
                clock,
                clock.sleeper(),
                () -> new EventSender(producer, "replay-2"))
            .writeExpectedTo(expected);

    assertThat(replay.run().eventsSent()).isEqualTo(recorded).isPositive();

    // what the scenario run that made the recording sent, counted from the generator
    List<ExpectedCount> truth =
        ExpectedPublisher.of(GroundTruth.of(generator, 0, recorded), "replay-2").counts();
    assertThat(replay.expectedError()).isEmpty();
    assertThat(replay.expected().orElseThrow().counts()).isEqualTo(truth);
    assertThat(ExpectedPublisher.readJsonLines(expected))
        .containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void aRecordedValueTheSchemaRefusesIsNotCountedAndAStoppedReplayDeliversNothing()
      throws IOException {
    Path file = dir.resolve("odd.jsonl.gz");
    writeGzip(
        file, "{\"topic\":\"egov.dossiers\",\"key\":\"79\",\"timestamp\":1,\"value\":{\"v\":1}}\n");
    Path expected = dir.resolve("none.jsonl");
    FakeClock clock = new FakeClock(WALL);
    ReplayRun replay =
        new ReplayRun(
                file, Speed.max(), "r", clock, clock.sleeper(), () -> new EventSender(mock(), "r"))
            .writeExpectedTo(expected);
    assertThat(replay.run().eventsSent()).isEqualTo(1);
    assertThat(replay.expected().orElseThrow().counts()).isEmpty();
    assertThat(Files.readString(expected)).isEmpty();

    Path untouched = dir.resolve("stopped.jsonl");
    ReplayRun stopped =
        new ReplayRun(
                file, Speed.max(), "s", clock, clock.sleeper(), () -> new EventSender(mock(), "s"))
            .writeExpectedTo(untouched);
    stopped.stop();
    assertThat(stopped.run().stopped()).isTrue();
    assertThat(stopped.expected()).isEmpty();
    assertThat(untouched).doesNotExist();
  }

  @Test
  void aCorruptLineIsOneLineNamingTheFileAndLineAndNothingIsSent() throws IOException {
    Path file = dir.resolve("corrupt.jsonl.gz");
    writeGzip(
        file,
        "{\"topic\":\"egov.dossiers\",\"key\":\"G01\",\"timestamp\":1000,\"value\":{\"a\":1}}\n"
            + "{\"topic\":\"egov.vneid-logins\",\"key\":null,\"timestamp\":2000,\"value\":{}}\n"
            + "{\"topic\":\"egov.dossiers\",\"key\":\"G01\",\"timestamp\":3000,\"value\":{\"a\":\n"
            + "{\"topic\":\"egov.dossiers\",\"key\":\"G01\",\"timestamp\":4000,\"value\":{}}\n");
    AtomicInteger senders = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new ReplayRun(
                    file,
                    Speed.max(),
                    "r",
                    new FakeClock(WALL),
                    nanos -> {},
                    () -> {
                      senders.incrementAndGet();
                      return new EventSender(mock(), "r");
                    }))
        .isInstanceOf(RecordingException.class)
        .hasMessageStartingWith(file + " line 3: ")
        .hasMessageNotContaining("\n");
    assertThat(senders).hasValue(0);
  }

  @Test
  void badLinesNameTheProblem() throws IOException {
    List<String[]> cases = new ArrayList<>();
    cases.add(
        new String[] {
          "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":1,\"value\":{},\"x\":1}",
          "unknown field 'x'"
        });
    cases.add(
        new String[] {"{\"topic\":\"t\",\"key\":\"k\",\"value\":{}}", "missing field 'timestamp'"});
    cases.add(
        new String[] {
          "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":1,\"value\":\"{}\"}",
          "field 'value' must be a JSON object"
        });
    cases.add(new String[] {"[1,2]", "not a JSON object"});
    cases.add(
        new String[] {
          "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":0,\"value\":{}}",
          "timestamp 0 is before the previous line's 5"
        });
    cases.add(
        new String[] {
          "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":9,\"sendAt\":4,\"value\":{}}",
          "sendAt 4 is before the previous line's 5"
        });
    cases.add(
        new String[] {
          "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":9,\"sendAt\":\"6\",\"value\":{}}",
          "field 'sendAt' must be epoch milliseconds"
        });
    int i = 0;
    for (String[] c : cases) {
      Path file = dir.resolve("bad-" + i++ + ".jsonl.gz");
      writeGzip(
          file, "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":5,\"value\":{}}\n\n" + c[0] + "\n");
      assertThatThrownBy(() -> RecordingReader.scan(file))
          .isInstanceOf(RecordingException.class)
          .hasMessage(file + " line 3: " + c[1]);
    }
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, "{}\n");
    assertThatThrownBy(() -> RecordingReader.scan(plain))
        .isInstanceOf(RecordingException.class)
        .hasMessageContaining(plain.toString())
        .hasMessageContaining("not a gzip file");
  }

  @Test
  void theReaderGivesBackTheValueBytesVerbatim() throws IOException {
    Path file = dir.resolve("verbatim.jsonl.gz");
    String value = "{\"b\": [1, 2.50, \"x\\u00e9\"] ,\"a\":{}}";
    writeGzip(
        file, "{\"topic\":\"t\",\"key\":\"k\\\"q\",\"timestamp\":7,\"value\":" + value + "}\n");
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordedEvent event = reader.next();
      assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo(value);
      assertThat(event.key()).isEqualTo("k\"q");
      assertThat(event.timestampMillis()).isEqualTo(7);
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void aLineWithoutSendAtIsSentAtItsTimestampAndOneWithItMayCarryAnEarlierTimestamp()
      throws IOException {
    Path file = dir.resolve("mixed.jsonl.gz");
    writeGzip(
        file,
        "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":5,\"value\":{}}\n"
            + "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":2,\"sendAt\":8,\"value\":{}}\n"
            + "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":8,\"value\":{}}\n");
    try (RecordingReader reader = RecordingReader.open(file)) {
      RecordedEvent old = reader.next();
      assertThat(old.sendAtMillis()).isEqualTo(old.timestampMillis()).isEqualTo(5);
      RecordedEvent moved = reader.next();
      assertThat(moved.timestampMillis()).isEqualTo(2);
      assertThat(moved.sendAtMillis()).isEqualTo(8);
      assertThat(reader.next().sendAtMillis()).isEqualTo(8);
      assertThat(reader.next()).isNull();
    }
    RecordingReader.Summary summary = RecordingReader.scan(file);
    assertThat(summary.firstSendMillis()).isEqualTo(5);
    assertThat(summary.lastSendMillis()).isEqualTo(8);
  }

  static void writeGzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
