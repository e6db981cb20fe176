package vn.egovpulse.loadtest.report;

import java.util.Locale;

/** The figures the console table and the HTML page word alike. */
final class ReportTexts {
  private ReportTexts() {}

  static String asked(LoadReport.Throughput t) {
    return Double.isNaN(t.askedPerSecond())
        ? "max (as fast as the producer sends)"
        : String.format(Locale.ROOT, "%,.0f events/s", t.askedPerSecond());
  }

  static String lagDrained(LoadReport report) {
    return report.lagDrainedSeconds() < 0
        ? "not drained (see the notes)"
        : String.format(
            Locale.ROOT, "%.2f s after the last acknowledgement", report.lagDrainedSeconds());
  }

  /** The scale as typed: {@code 1}, not {@code 1.0}. */
  static String scale(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
