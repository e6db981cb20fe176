package vn.egovpulse.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * The whole benchmark at tiny sizes, end to end: every phase runs for real (its own in-process
 * brokers, as the benchmark is defined to start them, child JVMs for Kafka's tools, the producer
 * and both streams jobs, at the cold and at the steady size), and the JSON is checked for
 * completeness and consistency, never for speed. Slower than the usual IT budget (about two minutes
 * on a busy 2-core machine): eight child JVMs and three broker starts are the thing under test.
 */
class BenchIT {
  private static final long EVENTS = 20_000;
  private static final long STEADY_EVENTS = 40_000;

  @Test
  @Timeout(600)
  void runsEveryPhaseAndWritesConsistentFigures(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench.json");
    int code =
        EgovPulse.execute(
            Map.of(),
            "bench",
            "--out",
            out.toString(),
            "--events",
            Long.toString(EVENTS),
            "--steady-events",
            Long.toString(STEADY_EVENTS),
            "--latency-seconds",
            "2");
    assertThat(code).isEqualTo(0);
    JsonNode json = JsonSerde.mapper().readTree(Files.readAllBytes(out));

    List<String> figureNames = new ArrayList<>();
    json.get("figures").fieldNames().forEachRemaining(figureNames::add);
    assertThat(figureNames)
        .contains(
            "producerPerformance.recordsPerSecond",
            "producer.recordsPerSecond",
            "consumerPerformance.recordsPerSecond",
            "streamsMinimal.recordsPerSecond",
            "streamsFull.recordsPerSecond",
            "streamsFull.heapPeakMiB",
            "streamsMinimal.heapPeakMiB",
            "steady.producer.recordsPerSecond",
            "steady.streamsMinimal.recordsPerSecond",
            "steady.streamsMinimal.heapPeakMiB",
            "steady.streamsFull.recordsPerSecond",
            "steady.streamsFull.heapPeakMiB",
            "day.endToEndSeconds",
            "latency.p99Millis");
    for (String name : figureNames) {
      double value = json.get("figures").get(name).get("value").asDouble();
      if (name.endsWith(".heapLiveMiB")) {
        // 0 when the job's JVM never collected (a tiny input can fit in the young generation)
        assertThat(value).as(name).isNotNegative().isFinite();
      } else {
        assertThat(value).as(name).isPositive().isFinite();
      }
      assertThat(json.get("figures").get(name).get("how").asText()).as(name).isNotBlank();
    }

    JsonNode rows = json.get("rows");
    assertThat(rows).hasSize(9);
    int ratios = 0;
    for (JsonNode row : rows) {
      String measuredName = row.get("measuredFigure").asText();
      double measured = json.get("figures").get(measuredName).get("value").asDouble();
      assertThat(row.get("measured").asDouble()).isEqualTo(measured);
      if (!row.get("anchorFigure").isNull()) {
        double anchor =
            json.get("figures").get(row.get("anchorFigure").asText()).get("value").asDouble();
        assertThat(row.get("anchor").asDouble()).isEqualTo(anchor);
        assertThat(row.get("ratio").asDouble()).isCloseTo(measured / anchor, within(1e-9));
        ratios++;
      }
      if (!row.get("target").isNull()) {
        assertThat(row.get("met").isBoolean()).isTrue();
      }
    }
    assertThat(ratios).isEqualTo(5);

    long planned = planned(EVENTS);
    long plannedSteady = planned(STEADY_EVENTS);
    assertThat(plannedSteady).isGreaterThan(planned);
    assertStreamsSize(json, "cold", planned);
    assertStreamsSize(json, "steady", plannedSteady);
    assertThat(rows.get(1).get("measuredFigure").asText())
        .isEqualTo("streamsFull.recordsPerSecond");
    assertThat(rows.get(1).get("met").asBoolean())
        .isEqualTo(json.get("cold").get("met").asBoolean());
    assertThat(rows.get(2).get("measuredFigure").asText())
        .isEqualTo("steady.streamsFull.recordsPerSecond");
    assertThat(rows.get(2).get("ratio").asDouble())
        .isEqualTo(json.get("steady").get("ratio").asDouble());
    assertThat(rows.get(2).get("met").asBoolean())
        .isEqualTo(json.get("steady").get("met").asBoolean());

    JsonNode checks = json.get("checks");
    assertThat(checks.get("preloaded").asLong()).isEqualTo(planned);
    assertThat(checks.get("producerPerformanceRecords").asLong()).isEqualTo(planned);
    assertThat(checks.get("consumerPerformanceRecords").asLong()).isEqualTo(planned);
    assertThat(checks.get("minimalProcessed").asLong()).isEqualTo(planned);
    // a thin day (20,000 events) has partitions quiet for hours: their last events are held
    assertThat(checks.get("fullCounted").asLong() + checks.get("fullHeld").asLong())
        .isEqualTo(planned);
    assertThat(checks.get("fullHeld").asLong()).isLessThanOrEqualTo(6);
    assertThat(checks.get("fullDeadLetters").asLong()).isZero();
    assertThat(checks.get("dayEvents").asLong()).isEqualTo(planned);

    JsonNode machine = json.get("machine");
    assertThat(machine.get("cores").asInt()).isPositive();
    assertThat(machine.get("memoryBytes").asLong()).isPositive();
    assertThat(machine.get("jvmVersion").asText()).isNotBlank();
    assertThat(json.get("reference").size()).isEqualTo(4);
  }

  private static long planned(long events) {
    EventGenerator atScale1 = new EventGenerator(Scenarios.load(Scenarios.DEFAULT), 1);
    return new EventGenerator(Scenarios.load(Scenarios.DEFAULT), events / (double) atScale1.size())
        .size();
  }

  /** One size's block: both jobs' rates and heaps, the ratio, and every record counted. */
  private static void assertStreamsSize(JsonNode json, String size, long planned) {
    JsonNode block = json.get(size);
    assertThat(block).as(size).isNotNull();
    assertThat(block.get("events").asLong()).as(size).isEqualTo(planned);
    for (String job : List.of("minimal", "full")) {
      JsonNode drain = block.get(job);
      assertThat(drain.get("recordsPerSecond").asDouble()).as(size + " " + job).isPositive();
      assertThat(drain.get("seconds").asDouble()).as(size + " " + job).isPositive();
      assertThat(drain.get("heapPeakMiB").asDouble()).as(size + " " + job).isPositive();
      if (drain.get("collections").asInt() > 0) {
        assertThat(drain.get("heapLiveMiB").asDouble()).as(size + " " + job).isPositive();
      }
    }
    assertThat(block.get("ratio").asDouble())
        .as(size)
        .isCloseTo(
            block.get("full").get("recordsPerSecond").asDouble()
                / block.get("minimal").get("recordsPerSecond").asDouble(),
            within(1e-9));
    assertThat(block.get("targetRatio").asDouble()).isEqualTo(0.8);
    assertThat(block.get("met").asBoolean())
        .isEqualTo(block.get("ratio").asDouble() >= block.get("targetRatio").asDouble());
    assertThat(block.get("minimalProcessed").asLong()).as(size).isEqualTo(planned);
    // a thin day has partitions quiet for hours: their last events are held
    assertThat(block.get("fullCounted").asLong() + block.get("fullHeld").asLong())
        .as(size)
        .isEqualTo(planned);
    assertThat(block.get("fullHeld").asLong()).as(size).isLessThanOrEqualTo(6);
    assertThat(block.get("fullDeadLetters").asLong()).as(size).isZero();
  }
}
