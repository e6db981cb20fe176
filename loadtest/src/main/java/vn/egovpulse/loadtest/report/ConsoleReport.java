package vn.egovpulse.loadtest.report;

import java.util.Locale;

/** The load report as a console table. */
public final class ConsoleReport {
  private ConsoleReport() {}

  public static String render(LoadReport report) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "load report  %s  (%s; scenario %s, scale %s; %s)%n",
            report.runId(),
            report.plan(),
            report.scenario(),
            ReportTexts.scale(report.scale()),
            report.mode()));
    throughput(out, report.throughput());
    latencies(out, report);
    row(out, "consumer lag drained", ReportTexts.lagDrained(report));
    row(
        out,
        "send errors",
        report.errors().count() == 0
            ? "0"
            : String.format(
                Locale.ROOT, "%,d (first: %s)", report.errors().count(), report.errors().first()));
    row(out, "ground truth", report.verification().line());
    for (String difference : report.verification().differences()) {
      out.append("    ").append(difference).append('\n');
    }
    for (String note : report.notes()) {
      row(out, "note", note);
    }
    slos(out, report);
    return out.toString();
  }

  /** One line per {@code --slo}: what it asked, what the run measured, the limit, the outcome. */
  private static void slos(StringBuilder out, LoadReport report) {
    if (report.slos().isEmpty()) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT, "  %-22s %-20s %-20s %s%n", "SLO", "measured", "limit", "verdict"));
    for (SloVerdict v : report.slos()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-22s %-20s %-20s %s%n",
              v.slo(),
              ReportTexts.sloValue(v.measured(), v.unit()),
              ReportTexts.sloLimit(v),
              v.outcome()));
    }
  }

  private static void throughput(StringBuilder out, LoadReport.Throughput t) {
    row(out, "throughput asked", ReportTexts.asked(t));
    row(
        out,
        "throughput achieved",
        String.format(
            Locale.ROOT,
            "%,.0f events/s  (%,d acknowledged of %,d sent in %.2f s; last send at %.2f s)",
            t.achievedPerSecond(),
            t.eventsAcked(),
            t.eventsSent(),
            t.ackedSeconds(),
            t.sendSeconds()));
    row(
        out,
        "events",
        String.format(
            Locale.ROOT,
            "%,d dossiers, %,d VNeID logins%s",
            t.dossiers(),
            t.logins(),
            t.plannedEvents() < 0
                ? ""
                : String.format(Locale.ROOT, "  (planned %,d)", t.plannedEvents())));
    row(
        out,
        "schedule lag max",
        String.format(Locale.ROOT, "%,.1f ms behind schedule at worst", t.maxScheduleLagMs()));
  }

  private static void latencies(StringBuilder out, LoadReport report) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %12s %10s %10s %10s %10s %10s %10s%n",
            "latency (ms)",
            "count",
            "mean",
            "p50",
            "p90",
            "p99",
            "p99.9",
            "max"));
    latency(out, "send (to ack)", report.sendLatency());
    if (report.endToEnd() == null) {
      row(out, "end-to-end", "n/a: streams-app runs in another JVM (--bootstrap-servers)");
    } else {
      latency(out, "end-to-end (to agg.)", report.endToEnd());
    }
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append(String.format(Locale.ROOT, "  %-22s %s%n", name, value));
  }

  private static void latency(StringBuilder out, String name, LoadReport.Latency l) {
    out.append(
        String.format(
            Locale.ROOT,
            "  %-22s %,12d %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f%n",
            name,
            l.count(),
            l.meanMs(),
            l.p50Ms(),
            l.p90Ms(),
            l.p99Ms(),
            l.p999Ms(),
            l.maxMs()));
  }
}
