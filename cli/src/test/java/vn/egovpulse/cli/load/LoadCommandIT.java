package vn.egovpulse.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.loadtest.report.JsonReport;
import vn.egovpulse.loadtest.report.LoadReport;

/**
 * {@code egov-pulse load} end to end at a constant rate: the real in-process broker and streams-app
 * the command starts, 2,000 events/s for 5 s, then drain, ground truth and report. Asserts the
 * report's structure and the verdict, and that every acknowledged send was measured — never speeds
 * (the machine is shared).
 */
class LoadCommandIT {
  @TempDir static Path dir;
  static int exitCode;
  static LoadReport report;

  @BeforeAll
  static void runAConstantLoad() throws Exception {
    exitCode =
        EgovPulse.execute(
            Map.of(),
            "load",
            "--shape",
            "constant:2000",
            "--duration",
            "5s",
            "--producer-metrics-port",
            "0",
            "--console-interval",
            "0",
            "--drain-timeout",
            "120",
            "--report-json",
            dir.resolve("report.json").toString(),
            "--report-html",
            dir.resolve("report.html").toString(),
            "--expected-file",
            dir.resolve("expected.jsonl").toString());
    report = JsonReport.read(dir.resolve("report.json"));
  }

  @Test
  void endsVerifiedExactWithExitCode0() {
    assertThat(report.verification().line())
        .startsWith("verified: ")
        .endsWith(" 0 lost, 0 duplicated");
    assertThat(report.verification().exact()).isTrue();
    assertThat(report.verification().units()).isPositive();
    assertThat(report.verification().windows()).isPositive();
    assertThat(exitCode).isZero();
  }

  @Test
  void sentExactlyThePlannedEventsAndMeasuredEachSend() {
    LoadReport.Throughput t = report.throughput();
    assertThat(t.plannedEvents()).isEqualTo(10_000);
    assertThat(t.eventsSent()).isEqualTo(10_000);
    assertThat(t.eventsAcked()).isEqualTo(10_000);
    assertThat(t.dossiers() + t.logins()).isEqualTo(10_000);
    assertThat(t.askedPerSecond()).isEqualTo(2000);
    assertThat(report.sendLatency().count()).isEqualTo(10_000);
    assertThat(report.errors().count()).isZero();
  }

  @Test
  void reportsLatencyPercentilesDrainTimeAndATimeline() {
    LoadReport.Latency send = report.sendLatency();
    assertThat(send.p50Ms()).isLessThanOrEqualTo(send.p90Ms());
    assertThat(send.p90Ms()).isLessThanOrEqualTo(send.p99Ms());
    assertThat(send.p99Ms()).isLessThanOrEqualTo(send.p999Ms());
    assertThat(send.p999Ms()).isLessThanOrEqualTo(send.maxMs());
    assertThat(report.endToEnd()).isNotNull();
    assertThat(report.endToEnd().count()).isPositive();
    assertThat(report.lagDrainedSeconds()).isGreaterThanOrEqualTo(0);
    assertThat(report.mode()).isEqualTo("embedded");
    assertThat(report.timeline()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(report.timeline().stream().mapToLong(s -> s.sent()).sum()).isEqualTo(10_000);
    assertThat(report.timeline().stream().mapToLong(s -> s.acked()).sum()).isEqualTo(10_000);
    assertThat(report.timeline().stream().mapToDouble(s -> s.asked()).sum()).isEqualTo(10_000);
  }

  @Test
  void wroteTheHtmlPageAndTheGroundTruth() throws Exception {
    String page = Files.readString(dir.resolve("report.html"));
    assertThat(page).contains("<svg", report.runId(), report.verification().line());
    assertThat(page).doesNotContain("<script").doesNotContain("src=");
    assertThat(Files.readAllLines(dir.resolve("expected.jsonl")))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(report.runId()));
  }
}
