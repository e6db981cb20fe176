package vn.egovpulse.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.egovpulse.loadtest.LoadResult;

/**
 * The load report as one self-contained HTML page: the figures, the ground-truth verdict, and two
 * inline SVG charts (throughput over time; latency by percentile). No script, no stylesheet, font
 * or image is fetched: it opens from a file, offline.
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static void write(LoadReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(report), StandardCharsets.UTF_8);
  }

  static String render(LoadReport report) {
    StringBuilder html = new StringBuilder();
    header(html, report);
    slos(html, report);
    figures(html, report);
    latencies(html, report);
    html.append("<figure>")
        .append(throughputChart(report))
        .append("</figure>\n<figure>")
        .append(latencyChart(report))
        .append("</figure>\n")
        .append(
            "<p>Latencies are measured from each event's <em>scheduled</em> send time (the"
                + " <code>sent-at</code> header), so a sender that falls behind its schedule shows"
                + " it as latency (coordinated omission corrected).</p>\n")
        .append("</body></html>\n");
    return html.toString();
  }

  /** The head with its inline style, the run's line and the ground-truth verdict. */
  private static void header(StringBuilder html, LoadReport report) {
    LoadReport.Verification v = report.verification();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>egov-pulse load report ")
        .append(Html.escape(report.runId()))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;background:#fafafa}\n")
        .append("table{border-collapse:collapse;margin:12px 0}\n")
        .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
        .append("th{background:#eee}td.l,th.l{text-align:left}\n")
        .append(".ok{background:#d9f2d9;border:2px solid #2e7d32;padding:10px;font-weight:bold}\n")
        .append(".bad{background:#fbdcdc;border:2px solid #c62828;padding:10px;font-weight:bold}\n")
        .append("td.ok,td.bad{padding:4px 10px;border-width:1px}\n")
        .append("figure{margin:16px 0}</style></head><body>\n")
        .append("<h1>egov-pulse load report</h1>\n<p>")
        .append(Html.escape(report.runId()))
        .append(" &middot; <code>")
        .append(Html.escape(report.plan()))
        .append("</code> &middot; scenario ")
        .append(Html.escape(report.scenario()))
        .append(", scale ")
        .append(Html.escape(ReportTexts.scale(report.scale())))
        .append(" &middot; ")
        .append(Html.escape(report.mode()))
        .append(" &middot; started ")
        .append(Html.escape(report.startedAt()))
        .append("</p>\n<div class=\"")
        .append(v.exact() ? "ok" : "bad")
        .append("\">Ground truth: ")
        .append(Html.escape(v.line()))
        .append("</div>\n");
    if (!v.differences().isEmpty()) {
      html.append("<ul>");
      v.differences().forEach(d -> html.append("<li>").append(Html.escape(d)).append("</li>"));
      html.append("</ul>\n");
    }
  }

  /** The SLO table, each row marked held (green) or failed (red). */
  private static void slos(StringBuilder html, LoadReport report) {
    if (report.slos().isEmpty()) {
      return;
    }
    html.append(
        "<table><tr><th class=\"l\">SLO</th><th>measured</th><th>limit</th>"
            + "<th class=\"l\">verdict</th></tr>\n");
    for (SloVerdict v : report.slos()) {
      html.append("<tr><td class=\"l\"><code>")
          .append(Html.escape(v.slo()))
          .append("</code></td><td>")
          .append(Html.escape(ReportTexts.sloValue(v.measured(), v.unit())))
          .append("</td><td>")
          .append(Html.escape(ReportTexts.sloLimit(v)))
          .append("</td><td class=\"l ")
          .append(v.held() ? "ok" : "bad")
          .append("\">")
          .append(Html.escape(v.outcome()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void figures(StringBuilder html, LoadReport report) {
    LoadReport.Throughput t = report.throughput();
    html.append("<table>\n");
    figure(html, "throughput asked", ReportTexts.asked(t));
    figure(
        html,
        "throughput achieved",
        String.format(
            Locale.ROOT,
            "%,.0f events/s (%,d acknowledged of %,d sent in %.2f s)",
            t.achievedPerSecond(),
            t.eventsAcked(),
            t.eventsSent(),
            t.ackedSeconds()));
    figure(
        html,
        "events",
        String.format(Locale.ROOT, "%,d dossiers, %,d VNeID logins", t.dossiers(), t.logins()));
    figure(html, "schedule lag max", String.format(Locale.ROOT, "%,.1f ms", t.maxScheduleLagMs()));
    figure(html, "consumer lag drained", ReportTexts.lagDrained(report));
    figure(
        html,
        "send errors",
        report.errors().count() == 0
            ? "0"
            : report.errors().count() + " (first: " + report.errors().first() + ")");
    report.notes().forEach(n -> figure(html, "note", n));
    html.append("</table>\n");
  }

  private static void latencies(StringBuilder html, LoadReport report) {
    html.append(
        "<table><tr><th class=\"l\">latency (ms)</th><th>count</th><th>mean</th><th>p50</th>"
            + "<th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
    latencyRow(html, "send (scheduled time to ack)", report.sendLatency());
    if (report.endToEnd() == null) {
      html.append(
          "<tr><td class=\"l\">end-to-end</td><td class=\"l\" colspan=\"7\">n/a: streams-app"
              + " runs in another JVM</td></tr>\n");
    } else {
      latencyRow(html, "end-to-end (scheduled time to aggregate)", report.endToEnd());
    }
    html.append("</table>\n");
  }

  private static void figure(StringBuilder html, String name, String value) {
    html.append("<tr><th class=\"l\">")
        .append(Html.escape(name))
        .append("</th><td class=\"l\">")
        .append(Html.escape(value))
        .append("</td></tr>\n");
  }

  private static void latencyRow(StringBuilder html, String name, LoadReport.Latency l) {
    html.append("<tr><td class=\"l\">").append(Html.escape(name)).append("</td>");
    html.append(String.format(Locale.ROOT, "<td>%,d</td>", l.count()));
    for (double ms : new double[] {l.meanMs(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms()}) {
      html.append(String.format(Locale.ROOT, "<td>%.2f</td>", ms));
    }
    html.append(String.format(Locale.ROOT, "<td>%.2f</td></tr>%n", l.maxMs()));
  }

  static String throughputChart(LoadReport report) {
    List<double[]> asked = new ArrayList<>();
    List<double[]> sent = new ArrayList<>();
    List<double[]> acked = new ArrayList<>();
    for (LoadResult.Second s : report.timeline()) {
      // each second's count is plotted at its middle
      double x = s.second() + 0.5;
      asked.add(new double[] {x, s.asked()});
      sent.add(new double[] {x, s.sent()});
      acked.add(new double[] {x, s.acked()});
    }
    SvgLineChart chart =
        new SvgLineChart("Throughput over time", "seconds since the start", "events per second")
            .series("asked", "#9e9e9e", true, asked)
            .series("sent", "#1565c0", false, sent)
            .series("acknowledged", "#2e7d32", false, acked);
    int seconds = report.timeline().size();
    int every = Math.max(1, (int) SvgLineChart.niceStep(Math.max(1, seconds / 10.0)));
    for (int x = 0; x <= seconds; x += every) {
      chart.xTick(x, Integer.toString(x));
    }
    return chart.render();
  }

  static String latencyChart(LoadReport report) {
    SvgLineChart chart =
        new SvgLineChart(
            "Latency by percentile (from the scheduled send time)", "percentile", "milliseconds");
    chart.series("send (to ack)", "#1565c0", false, curve(report.sendLatency()));
    if (report.endToEnd() != null) {
      chart.series("end-to-end (to aggregate)", "#e65100", false, curve(report.endToEnd()));
    }
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
    for (int i = 0; i < labels.length; i++) {
      chart.xTick(i, labels[i]);
    }
    return chart.render();
  }

  /** x = log10(1/(1−p)): 90% at 1, 99% at 2, …; the max is drawn at 99.999%. */
  private static List<double[]> curve(LoadReport.Latency latency) {
    List<double[]> points = new ArrayList<>();
    for (LoadReport.Point p : latency.curve()) {
      double percentile = Math.min(p.percentile(), 99.999);
      points.add(new double[] {Math.log10(100 / (100 - percentile)), p.ms()});
    }
    return points;
  }
}
