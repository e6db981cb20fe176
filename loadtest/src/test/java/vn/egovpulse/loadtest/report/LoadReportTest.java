package vn.egovpulse.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three views of a report: the console table, the JSON round trip, the HTML text. */
class LoadReportTest {
  @Test
  void theConsoleTableShowsEveryFigure() {
    String table = ConsoleReport.render(HtmlReportIT.sampleReport(true));
    assertThat(table)
        .contains("throughput asked       1,500 events/s")
        .contains("throughput achieved    1,480 events/s")
        .contains("send (to ack)")
        .contains("end-to-end (to agg.)")
        .contains("consumer lag drained   1.25 s")
        .contains("send errors            0")
        .contains("ground truth           verified: 85 units, 9188 windows, 0 lost, 0 duplicated");
  }

  @Test
  void jsonRoundTrips(@TempDir Path dir) throws Exception {
    LoadReport report = HtmlReportIT.sampleReport(true);
    Path file = dir.resolve("report.json");
    JsonReport.write(report, file);
    LoadReport back = JsonReport.read(file);
    assertThat(back).isEqualTo(report);
    assertThat(back.sendLatency().count()).isEqualTo(10_000);
  }

  @Test
  void percentilesComeFromTheHistogram() {
    LoadReport.Latency send = HtmlReportIT.sampleReport(true).sendLatency();
    assertThat(send.p50Ms()).isBetween(2.0, 2.5);
    assertThat(send.maxMs()).isGreaterThan(40);
    assertThat(send.curve()).isNotEmpty();
    assertThat(send.curve().get(send.curve().size() - 1).percentile()).isEqualTo(100);
  }

  @Test
  void anUnverifiedRunIsMarkedInEveryView() {
    LoadReport report = HtmlReportIT.sampleReport(false);
    assertThat(report.verified()).isFalse();
    assertThat(ConsoleReport.render(report)).contains("NOT verified: the run was stopped");
    assertThat(HtmlReport.render(report)).contains("class=\"bad\"");
  }
}
