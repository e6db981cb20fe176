package vn.egovpulse.loadtest.report;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
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

  /** {@code 812.35 ms}, {@code 1,980.4 events/s}, {@code 0}; {@code not measured} for null. */
  static String sloValue(Double value, String unit) {
    if (value == null) {
      return "not measured";
    }
    // 2 decimals as the latency table, 3 below 1: latencies are whole microseconds, so 1us shows
    // as 0.001 ms, not 0
    String number =
        new DecimalFormat(
                Math.abs(value) < 1 ? "#,##0.###" : "#,##0.##",
                DecimalFormatSymbols.getInstance(Locale.ROOT))
            .format(value);
    return unit.isEmpty() ? number : number + " " + unit;
  }

  /** {@code 1,000 ms}, or {@code none} when the limit could not be computed. */
  static String sloLimit(SloVerdict v) {
    return v.limit() == null ? "none" : sloValue(v.limit(), v.unit());
  }

  /** The scale as typed: {@code 1}, not {@code 1.0}. */
  static String scale(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
