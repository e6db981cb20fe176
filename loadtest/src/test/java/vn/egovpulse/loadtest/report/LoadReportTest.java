package vn.egovpulse.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void everyViewHasTheSloTable(@TempDir Path dir) throws Exception {
    LoadReport report =
        HtmlReportIT.sampleReport(true)
            .withSlos(
                List.of(
                    new SloVerdict("e2e.p99<=1s", 1091.2, 1000.0, "ms", false, null),
                    new SloVerdict("lost=0", 0.0, 0.0, "", true, null),
                    new SloVerdict("achieved>=0.95*asked", 1480.0, 1425.0, "events/s", true, null),
                    new SloVerdict(
                        "send.p99<=1us", null, 0.001, "ms", false, "not measured: no latency")));

    assertThat(ConsoleReport.render(report))
        .contains(
            "  SLO                    measured             limit                verdict\n"
                + "  e2e.p99<=1s            1,091.2 ms           1,000 ms             FAILED\n"
                + "  lost=0                 0                    0                    held\n"
                + "  achieved>=0.95*asked   1,480 events/s       1,425 events/s       held\n"
                + "  send.p99<=1us          not measured         0.001 ms             FAILED: not"
                + " measured: no latency\n");
    assertThat(HtmlReport.render(report))
        .contains(
            "<tr><td class=\"l\"><code>e2e.p99&lt;=1s</code></td><td>1,091.2 ms</td>"
                + "<td>1,000 ms</td><td class=\"l bad\">FAILED</td></tr>")
        .contains("<td class=\"l ok\">held</td>");
    Path file = dir.resolve("report.json");
    JsonReport.write(report, file);
    assertThat(Files.readString(file)).contains("\"slos\" : [ {", "\"slo\" : \"e2e.p99<=1s\"");
    assertThat(JsonReport.read(file)).isEqualTo(report);
    assertThat(report.slosHeld()).isFalse();
    assertThat(HtmlReportIT.sampleReport(true).slosHeld()).isTrue();
  }

  @Test
  void aReportWithoutSlosShowsNoTable() {
    assertThat(ConsoleReport.render(HtmlReportIT.sampleReport(true))).doesNotContain("SLO");
    assertThat(HtmlReport.render(HtmlReportIT.sampleReport(true))).doesNotContain(">SLO<");
  }

  @Test
  void anUnverifiedRunIsMarkedInEveryView() {
    LoadReport report = HtmlReportIT.sampleReport(false);
    assertThat(report.verified()).isFalse();
    assertThat(ConsoleReport.render(report)).contains("NOT verified: the run was stopped");
    assertThat(HtmlReport.render(report)).contains("class=\"bad\"");
  }
}
