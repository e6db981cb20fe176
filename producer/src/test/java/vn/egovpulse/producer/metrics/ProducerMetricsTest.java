package vn.egovpulse.producer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

class ProducerMetricsTest {
  static final Scenario DAY = Scenarios.load("working-day");
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
  static final OffsetDateTime UNTIL = DAY.start().plusHours(10);

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final FakeClock clock = new FakeClock(WALL);

  ScenarioRun run(MockProducer<String, byte[]> producer) {
    RunSettings settings =
        new RunSettings("unused:9092", Map.of(), DAY, Speed.times(3600), 0.01, "test-run", UNTIL);
    return new ScenarioRun(
        settings, clock, clock.sleeper(), () -> new EventSender(producer, "test-run"), registry);
  }

  static MockProducer<String, byte[]> manualProducer() {
    return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void aScrapeShowsAcknowledgedSendsByKindTheLatencyHistogramAndTheRunsPosition() {
    // not auto-completed: the run's final flush acknowledges everything at the simulated end,
    // 10 wall seconds after the start (×3600, 10 simulated hours)
    MockProducer<String, byte[]> producer = manualProducer();
    ScenarioRun run = run(producer);

    RunResult result = run.run();

    assertThat(result.dossiersAcked()).isPositive();
    assertThat(result.loginsAcked()).isPositive();
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "egov_producer_events_sent_total{kind=\"dossier\"} "
                + (double) result.dossiersAcked()
                + "\n")
        .contains(
            "egov_producer_events_sent_total{kind=\"vneid_login\"} "
                + (double) result.loginsAcked()
                + "\n")
        .contains("egov_producer_send_errors_total 0.0\n")
        .contains("egov_producer_send_latency_seconds_bucket{le=\"0.001\"}")
        .contains(
            "egov_producer_send_latency_seconds_bucket{le=\"+Inf\"} " + result.eventsSent() + "\n")
        .contains("egov_producer_send_latency_seconds_count " + result.eventsSent() + "\n")
        .contains("egov_producer_schedule_lag_seconds 0.0\n")
        .contains("egov_producer_simulated_time_seconds " + (double) UNTIL.toEpochSecond() + "\n")
        .contains("egov_producer_scenario_progress_ratio 1.0\n")
        .contains("jvm_memory_used_bytes");

    long ackMicros = WALL.getEpochSecond() * 1_000_000L + 10_000_000L;
    long expectedMicros = 0;
    long longestMicros = 0;
    for (ProducerRecord<String, byte[]> record : producer.history()) {
      long micros = ackMicros - EventHeaders.sentAtMicros(record.headers());
      expectedMicros += micros;
      longestMicros = Math.max(longestMicros, micros);
    }
    Timer latency = registry.get(ProducerMetrics.SEND_LATENCY).timer();
    assertThat(latency.count()).isEqualTo(result.eventsSent());
    assertThat(latency.totalTime(TimeUnit.MICROSECONDS)).isCloseTo(expectedMicros, within(1.0));
    assertThat(latency.max(TimeUnit.MICROSECONDS))
        .isCloseTo(longestMicros, within(1.0)); // the first event, near 10 s
  }

  @Test
  void failedSendsCountAsErrorsNotAsSentAndHaveNoLatency() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(new TimeoutException("broker away"))) {
              // fail every pending record
            }
          }
        };

    RunResult result = run(producer).run();

    assertThat(result.errors()).isEqualTo(result.eventsSent()).isPositive();
    assertThat(registry.scrape())
        .contains("egov_producer_send_errors_total " + (double) result.errors() + "\n")
        .contains("egov_producer_events_sent_total{kind=\"dossier\"} 0.0\n")
        .contains("egov_producer_send_latency_seconds_count 0\n");
  }

  @Test
  void scheduleLagAndProgressAreReadWhileTheRunIsUnderway() {
    List<double[]> seen =
        new ArrayList<>(); // {lag, progress} as the first and the 100th send begin
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          int sends;

          @Override
          public synchronized Future<RecordMetadata> send(
              ProducerRecord<String, byte[]> record, Callback callback) {
            sends++;
            if (sends == 1) {
              clock.advanceMicros(5_000_000); // a send that blocks for 5 s (full buffer)
            }
            if (sends == 1 || sends == 100) {
              seen.add(
                  new double[] {
                    gauge(ProducerMetrics.SCHEDULE_LAG), gauge(ProducerMetrics.SCENARIO_PROGRESS)
                  });
            }
            return super.send(record, callback);
          }
        };
    ScenarioRun run = run(producer);

    run.run();

    long planned = run.plannedEvents();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)[0]).isCloseTo(5.0, within(1e-6)); // the first event was due at the start
    assertThat(seen.get(0)[1]).isZero(); // counted once handed over
    assertThat(seen.get(1)[0]).isBetween(0.0, 5.0); // catching up, not yet on time
    assertThat(seen.get(1)[1]).isCloseTo(99.0 / planned, within(1e-9));
    assertThat(gauge(ProducerMetrics.SCHEDULE_LAG)).isZero(); // finished: no schedule any more
  }

  @Test
  void closeUnregistersTheRunsMetersSoTheNextRunCanRegister() {
    ScenarioRun first = run(manualProducer());
    first.run();
    first.metrics().orElseThrow().close();
    assertThat(registry.find(ProducerMetrics.EVENTS_SENT).meters()).isEmpty();

    ScenarioRun second = run(manualProducer());

    assertThat(registry.scrape())
        .contains("egov_producer_events_sent_total{kind=\"dossier\"} 0.0\n");
    assertThat(second.metrics()).isPresent();
  }

  double gauge(String name) {
    return registry.get(name).gauge().value();
  }
}
