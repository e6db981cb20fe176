package vn.egovpulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;

/** A load run against a mock producer and a fake clock: schedule, headers, latency, truth. */
class LoadRunTest {
  private static final Instant WALL = Instant.parse("2026-01-05T03:00:00Z");
  private static final Scenario DAY = Scenarios.load(Scenarios.DEFAULT);
  private static final double SCALE = 0.05;

  final FakeClock clock = new FakeClock(WALL);
  final long start = clock.micros();

  /** Acknowledges each record when sent; optionally stalls the clock at one record. */
  final class StallingProducer extends MockProducer<String, byte[]> {
    private final long stallAt;
    private final long stallMicros;
    private long sends;

    StallingProducer(long stallAt, long stallMicros) {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
      this.stallAt = stallAt;
      this.stallMicros = stallMicros;
    }

    @Override
    public synchronized Future<RecordMetadata> send(
        ProducerRecord<String, byte[]> record, Callback callback) {
      if (sends++ == stallAt) {
        clock.advanceMicros(stallMicros); // a GC pause or a full buffer, in the send call
      }
      return super.send(record, callback);
    }
  }

  LoadRun run(LoadPlan plan, MockProducer<String, byte[]> producer, PrometheusMeterRegistry reg) {
    LoadSettings settings =
        new LoadSettings("unused:9092", Map.of(), DAY, SCALE, plan, "load-test");
    return new LoadRun(
            settings, clock, clock.sleeper(), () -> new EventSender(producer, "load-test"), reg)
        .publishExpected(false);
  }

  static long sentAt(ProducerRecord<String, byte[]> record) {
    return EventHeaders.sentAtMicros(record.headers());
  }

  @Test
  void sendsGeneratorEventsOnTheScheduleWithTheScheduledTimeAsSentAt() {
    StallingProducer producer = new StallingProducer(-1, 0);
    LoadRun run = run(LoadShapes.plan("constant:1000", "2s", null), producer, null);

    LoadResult result = run.run();

    assertThat(result.eventsSent()).isEqualTo(2000);
    assertThat(result.eventsAcked()).isEqualTo(2000);
    assertThat(result.complete()).isTrue();
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(2000);
    for (int k = 0; k < sent.size(); k += 97) {
      OutgoingEvent event = run.generator().event(k);
      assertThat(sentAt(sent.get(k))).isEqualTo(start + k * 1000L);
      assertThat(sent.get(k).timestamp()).isEqualTo(event.eventTimeMillis());
      assertThat(sent.get(k).key()).isEqualTo(event.key());
      assertThat(sent.get(k).value()).isEqualTo(event.value());
    }
    assertThat(result.sendLatency().getTotalCount()).isEqualTo(2000);
    assertThat(result.sendLatency().getMaxValue()).isZero(); // acknowledged the moment it was due
    assertThat(result.timeline()).hasSize(2);
    assertThat(result.timeline())
        .allSatisfy(
            s -> {
              assertThat(s.asked()).isEqualTo(1000);
              assertThat(s.sent()).isEqualTo(1000);
            });
    assertThat(result.askedRate()).isEqualTo(1000);
  }

  @Test
  void aStallCountsAsLatencyOfEveryEventItDelayed() {
    // 10 ms stall at event 100 of a 1000/s schedule: events 100..109 go out late, all at once
    StallingProducer producer = new StallingProducer(100, 10_000);
    LoadResult result = run(LoadShapes.plan("constant:1000", null, 500L), producer, null).run();

    assertThat(result.sendLatency().getTotalCount()).isEqualTo(500);
    assertThat(result.maxScheduleLagMicros()).isGreaterThanOrEqualTo(9_000);
    // event 100 is acknowledged 10 ms after it was due, and the ones queued behind it count too
    assertThat(result.sendLatency().getMaxValue()).isGreaterThanOrEqualTo(9_990);
    assertThat(result.sendLatency().getCountBetweenValues(1_000, 20_000)).isGreaterThanOrEqualTo(9);
    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sentAt(sent.get(105))).isEqualTo(start + 105_000); // still the scheduled time
  }

  @Test
  void maxSendsWithoutASchedule() {
    StallingProducer producer = new StallingProducer(-1, 0);
    LoadResult result = run(LoadShapes.plan("max", null, 3000L), producer, null).run();
    assertThat(result.eventsAcked()).isEqualTo(3000);
    assertThat(result.sendLatency().getTotalCount()).isEqualTo(3000);
    assertThat(result.askedRate()).isNaN();
    assertThat(result.timeline()).allSatisfy(s -> assertThat(s.asked()).isNaN());
  }

  @Test
  void aCompleteRunWritesTheTruthOfEvents0ToN(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("expected.jsonl");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LoadRun run =
        run(LoadShapes.plan("constant:500", null, 1234L), new StallingProducer(-1, 0), registry)
            .writeExpectedTo(file);

    run.run();

    assertThat(run.expectedError()).isEmpty();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines)
        .hasSize(
            ExpectedPublisher.of(GroundTruth.of(run.generator(), 0, 1234), "load-test")
                .counts()
                .size());
    assertThat(run.expected()).isPresent();
    // the meters were unregistered at the end, so another run can register its own
    assertThat(registry.find("egov.producer.events.sent").meters()).isEmpty();
  }

  @Test
  void askingForMoreEventsThanTheScenarioHasNamesTheFlag() {
    assertThatThrownBy(
            () ->
                run(LoadShapes.plan("max", null, 100_000_000L), new StallingProducer(-1, 0), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--events 100000000 is more than the ")
        .hasMessageContaining("raise --scale");
    assertThatThrownBy(
            () ->
                run(
                    LoadShapes.plan("constant:1000000", "1m", null),
                    new StallingProducer(-1, 0),
                    null))
        .hasMessageStartingWith("--duration 1m at constant:1000000 schedules 60000000 events");
  }

  @Test
  void theMixFlagsReplaceTheScenarioVolumes() {
    Scenario loginsOnly = LoadSettings.withMix(DAY, 0L, null);
    assertThat(loginsOnly.volume().dossiersPerDay()).isZero();
    assertThat(loginsOnly.volume().vneidLoginsPerDay()).isEqualTo(DAY.volume().vneidLoginsPerDay());
    assertThatThrownBy(() -> LoadSettings.withMix(DAY, 0L, 0L))
        .hasMessageContaining("nothing to send");
    assertThatThrownBy(() -> LoadSettings.withMix(DAY, -1L, null))
        .hasMessageStartingWith("--dossiers-per-day");
    Scenario sync = Scenarios.load("sync-delays");
    assertThat(LoadSettings.withMix(sync, 1000L, null).delivery())
        .as("the mix keeps the delivery models")
        .isNotEmpty()
        .isEqualTo(sync.delivery());
  }
}
