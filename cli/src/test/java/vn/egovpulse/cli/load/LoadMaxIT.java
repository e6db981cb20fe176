package vn.egovpulse.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.loadtest.report.JsonReport;
import vn.egovpulse.loadtest.report.LoadReport;

/**
 * {@code egov-pulse load --shape max} end to end on the real in-process broker and streams-app: as
 * fast as the producer sends, for a count of events, then drain and the ground-truth check.
 */
class LoadMaxIT {
  @Test
  void aMaxLoadIsVerifiedExactAndMeasuresEverySend(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    int exitCode =
        EgovPulse.execute(
            Map.of(),
            "load",
            "--shape",
            "max",
            "--events",
            "3000",
            "--producer-metrics-port",
            "-1",
            "--console-interval",
            "0",
            "--drain-timeout",
            "120",
            "--report-json",
            json.toString());

    LoadReport report = JsonReport.read(json);
    assertThat(report.verification().line()).endsWith(" 0 lost, 0 duplicated");
    assertThat(exitCode).isZero();
    assertThat(report.plan()).isEqualTo("--shape max --events 3000");
    assertThat(report.throughput().eventsAcked()).isEqualTo(3000);
    assertThat(report.throughput().askedPerSecond()).isNaN();
    assertThat(report.throughput().maxScheduleLagMs()).isZero();
    assertThat(report.sendLatency().count()).isEqualTo(3000);
    assertThat(report.timeline()).allSatisfy(s -> assertThat(s.asked()).isNaN());
  }
}
