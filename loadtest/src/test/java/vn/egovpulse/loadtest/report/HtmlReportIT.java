package vn.egovpulse.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.loadtest.LoadResult;

/**
 * The HTML report opens in a real browser (headless Chromium) and draws something: a report with a
 * ramp's timeline and two latency distributions, screenshotted and checked for a non-blank PNG.
 */
class HtmlReportIT {
  static LoadReport sampleReport(boolean verified) {
    Histogram send = new Histogram(3_600_000_000L, 3);
    Histogram endToEnd = new Histogram(3_600_000_000L, 3);
    for (int i = 1; i <= 10_000; i++) {
      send.recordValue(800 + (i % 1000) * 3L + (i % 997 == 0 ? 40_000 : 0));
      endToEnd.recordValue(200_000 + (i % 1000) * 900L + (i % 991 == 0 ? 2_000_000 : 0));
    }
    List<LoadResult.Second> timeline = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      double asked = 500 + 100 * s;
      timeline.add(new LoadResult.Second(s, asked, (long) asked - s, (long) asked - 2L * s));
    }
    return new LoadReport(
        "load-working-day-sample",
        "--shape ramp:500-2500 --duration 20s",
        "working-day",
        1,
        "embedded",
        "2026-11-23T12:00:00Z",
        new LoadReport.Throughput(
            30_000, 30_000, 30_000, 10_400, 19_600, 1500, 1480, 20.0, 20.3, 3.2),
        LoadReport.Latency.of(send),
        LoadReport.Latency.of(endToEnd),
        1.25,
        new LoadReport.Errors(0, null),
        verified
            ? new LoadReport.Verification(
                true,
                "verified: 85 units, 9188 windows, 0 lost, 0 duplicated",
                85,
                9188,
                0,
                0,
                List.of())
            : LoadReport.Verification.notPossible("the run was stopped after 10 events"),
        timeline,
        List.of(),
        List.of());
  }

  @Test
  void theHtmlReportRendersChartsInAHeadlessBrowser(@TempDir Path dir) throws Exception {
    HeadlessChromium.requireInstalled();
    Path html = dir.resolve("report.html");
    HtmlReport.write(sampleReport(true), html);
    String page = Files.readString(html);
    // self-contained: nothing to fetch
    assertThat(page).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
    assertThat(page).doesNotContainPattern("url\\(");
    assertThat(page).contains("<svg", "Throughput over time", "Latency by percentile");
    assertThat(page).contains("verified: 85 units, 9188 windows, 0 lost, 0 duplicated");

    Path png = dir.resolve("report.png");
    HeadlessChromium.screenshot(html, png, dir);
    HeadlessChromium.assertNonTrivial(png);
  }

  @Test
  void aBlankPageFailsTheCheck(@TempDir Path dir) throws Exception {
    HeadlessChromium.requireInstalled();
    Path html = dir.resolve("blank.html");
    Files.writeString(html, "<!DOCTYPE html><html><body></body></html>");
    Path png = dir.resolve("blank.png");
    HeadlessChromium.screenshot(html, png, dir);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeadlessChromium.assertNonTrivial(png))
        .isInstanceOf(AssertionError.class);
  }
}
