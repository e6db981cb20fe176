package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

/** Recording a run: the determinism the issue asks for, and what the file looks like. */
class RecordingTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final double SCALE = 0.05;
  static final OffsetDateTime UNTIL = DAY.start().plusHours(9);
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  static Scenario withSeed(Scenario s, long seed) {
    return new Scenario(
        s.name(),
        s.description(),
        s.start(),
        s.end(),
        seed,
        s.volume(),
        s.targets(),
        s.anchors(),
        s.calendar(),
        s.incidents());
  }

  /** Runs {@code scenario} to {@link #UNTIL} through a MockProducer at {@code speed}, recording. */
  static RunResult record(Scenario scenario, Speed speed, Path file, Instant wallStart) {
    FakeClock clock = new FakeClock(wallStart);
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    RunSettings settings =
        new RunSettings(
            "unused:9092",
            Map.of(),
            scenario,
            speed,
            SCALE,
            "run-" + speed + "-" + wallStart,
            UNTIL);
    ScenarioRun run =
        new ScenarioRun(
                settings,
                clock,
                speed.isMax()
                    ? nanos -> {
                      throw new AssertionError("no waiting at max");
                    }
                    : clock.sleeper(),
                () -> new EventSender(producer, settings.runId()))
            .recordTo(file);
    RunResult result = run.run();
    assertThat(producer.history()).hasSize((int) result.eventsSent());
    return result;
  }

  @Test
  void twoRecordingsOfOneSeedAtDifferentSpeedsAreByteIdenticalAndAnotherSeedDiffers()
      throws IOException {
    Path atMax = dir.resolve("max.jsonl.gz");
    Path paced = dir.resolve("paced.jsonl.gz");
    Path otherSeed = dir.resolve("other-seed.jsonl.gz");

    RunResult fast = record(DAY, Speed.max(), atMax, WALL);
    RunResult slow = record(DAY, Speed.times(3600), paced, WALL.plusSeconds(86_400 * 40 + 123));
    record(withSeed(DAY, DAY.seed() + 1), Speed.max(), otherSeed, WALL);

    assertThat(fast.eventsSent()).isGreaterThan(1_000).isEqualTo(slow.eventsSent());
    assertThat(slow.wallTime()).isGreaterThan(fast.wallTime()); // the paced run did wait
    byte[] first = Files.readAllBytes(atMax);
    assertThat(Files.readAllBytes(paced)).isEqualTo(first);
    assertThat(Files.readAllBytes(otherSeed)).isNotEqualTo(first);
    assertThat(lines(otherSeed)).isNotEqualTo(lines(atMax));
  }

  @Test
  void theFileIsGzipJsonLinesWithTheValueEmbeddedVerbatimInSendOrder() throws IOException {
    Path file = dir.resolve("run.jsonl.gz");
    RunResult result = record(DAY, Speed.max(), file, WALL);

    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
    assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
    // MTIME (bytes 4-7) is zero: no wall clock in the header
    assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]}).containsOnly(0);

    List<String> lines = lines(file);
    List<OutgoingEvent> expected =
        new EventGenerator(DAY, SCALE)
            .stream(0)
                .takeWhile(e -> e.eventTimeMillis() < UNTIL.toInstant().toEpochMilli())
                .toList();
    assertThat(lines).hasSize(expected.size()).hasSize((int) result.eventsSent());
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < lines.size(); i += 97) {
      OutgoingEvent event = expected.get(i);
      JsonNode line = mapper.readTree(lines.get(i));
      assertThat(line.get("topic").asText()).isEqualTo(event.topic());
      assertThat(line.get("key").asText()).isEqualTo(event.key());
      assertThat(line.get("timestamp").asLong()).isEqualTo(event.eventTimeMillis());
      assertThat(line.get("value").isObject()).isTrue();
      assertThat(line.get("value")).isEqualTo(mapper.readTree(event.value()));
      assertThat(lines.get(i))
          .endsWith(",\"value\":" + new String(event.value(), StandardCharsets.UTF_8) + "}");
      assertThat(line.size()).isEqualTo(4);
    }
  }

  static List<String> lines(Path file) throws IOException {
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
