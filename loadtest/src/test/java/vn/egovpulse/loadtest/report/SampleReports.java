package vn.egovpulse.loadtest.report;

import java.util.List;

/** Fixed reports for the tests of what is computed from one (the SLOs). */
public final class SampleReports {
  private SampleReports() {}

  /** {@link HtmlReportIT#sampleReport}: verified exact, or stopped and not verified. */
  public static LoadReport sample(boolean verified) {
    return HtmlReportIT.sampleReport(verified);
  }

  /** As with {@code --bootstrap-servers}: no end-to-end latency. */
  public static LoadReport withoutEndToEnd(LoadReport r) {
    return copy(r, r.throughput(), null, r.lagDrainedSeconds());
  }

  public static LoadReport notDrained(LoadReport r) {
    return copy(r, r.throughput(), r.endToEnd(), -1);
  }

  /** As {@code --shape max}: no asked rate. */
  public static LoadReport max(LoadReport r) {
    LoadReport.Throughput t = r.throughput();
    LoadReport.Throughput max =
        new LoadReport.Throughput(
            -1,
            t.eventsSent(),
            t.eventsAcked(),
            t.dossiers(),
            t.logins(),
            Double.NaN,
            t.achievedPerSecond(),
            t.sendSeconds(),
            t.ackedSeconds(),
            0);
    return copy(r, max, r.endToEnd(), r.lagDrainedSeconds());
  }

  private static LoadReport copy(
      LoadReport r, LoadReport.Throughput t, LoadReport.Latency endToEnd, double drained) {
    return new LoadReport(
        r.runId(),
        r.plan(),
        r.scenario(),
        r.scale(),
        r.mode(),
        r.startedAt(),
        t,
        r.sendLatency(),
        endToEnd,
        drained,
        r.errors(),
        r.verification(),
        r.timeline(),
        r.notes(),
        List.of());
  }
}
