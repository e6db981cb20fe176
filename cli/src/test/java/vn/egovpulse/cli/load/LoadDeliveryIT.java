package vn.egovpulse.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.loadtest.report.JsonReport;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.ExpectedPublisher;

/**
 * {@code egov-pulse load} through delivery models, end to end: working-day's whole day through the
 * five delivery rules of sync-delays (hourly batches, late ministries, an outage with backfill,
 * duplicates, disorder, a skewed clock), every send at {@code max}, through the real in-process
 * broker and streams-app, drained, and verified exact against the truth of those sends judged by
 * the rules. The producer's truth and the aggregation agree on every window.
 */
class LoadDeliveryIT {
  static final double SCALE = 0.05;

  @TempDir Path dir;

  @Test
  void aLoadThroughSyncDelaysDeliveryModelsIsVerifiedExact() throws Exception {
    Scenario day =
        Scenarios.load("working-day").withDelivery(Scenarios.load("sync-delays").delivery());
    EventGenerator generator = new EventGenerator(day, SCALE);
    DeliveryQueue queue =
        DeliveryModel.of(day.delivery(), day.seed())
            .over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    long sends = 0;
    while (queue.hasNext()) {
      queue.next();
      sends++;
    }
    assertThat(sends).isGreaterThan(generator.size()); // the duplicates

    int exitCode =
        EgovPulse.execute(
            Map.of(),
            "load",
            "--shape",
            "max",
            "--events",
            Long.toString(sends),
            "--scale",
            Double.toString(SCALE),
            "--delivery-scenario",
            "sync-delays",
            "--producer-metrics-port",
            "-1",
            "--console-interval",
            "0",
            "--drain-timeout",
            "120",
            "--report-json",
            dir.resolve("report.json").toString(),
            "--expected-file",
            dir.resolve("expected.jsonl").toString());

    LoadReport report = JsonReport.read(dir.resolve("report.json"));
    assertThat(report.notes())
        .anyMatch(note -> note.startsWith("sent through the 5 delivery rules of sync-delays"));
    assertThat(report.throughput().eventsAcked()).isEqualTo(sends);
    assertThat(report.verification().line()).startsWith("verified: ");
    assertThat(report.verification().exact()).isTrue();
    assertThat(exitCode).isZero();
    List<ExpectedCount> expected = ExpectedPublisher.readJsonLines(dir.resolve("expected.jsonl"));
    assertThat(expected).extracting(ExpectedCount::kind).contains(ExpectedCount.Kind.DUPLICATES);
  }
}
