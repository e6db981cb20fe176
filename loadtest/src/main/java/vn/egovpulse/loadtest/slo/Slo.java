package vn.egovpulse.loadtest.slo;

import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.loadtest.report.SloVerdict;

/**
 * One service-level objective of a load run, {@code METRIC OP VALUE} (see {@link SloParser}).
 *
 * @param text the SLO as given, without its spaces: how every report names it
 * @param value the limit in the metric's unit (milliseconds for latencies, seconds for the drain),
 *     or the factor of the asked rate when {@code timesAsked}
 * @param timesAsked whether the limit is {@code value × the asked rate} ({@code achieved} only)
 */
public record Slo(String text, SloMetric metric, Op op, double value, boolean timesAsked) {

  /** The comparison of the measured value (left) with the limit (right). */
  public enum Op {
    LE("<="),
    LT("<"),
    GE(">="),
    GT(">"),
    EQ("=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(double measured, double limit) {
      return switch (this) {
        case LE -> measured <= limit;
        case LT -> measured < limit;
        case GE -> measured >= limit;
        case GT -> measured > limit;
        case EQ -> measured == limit;
      };
    }
  }

  /** The SLO against a finished run's report: held, failed, or failed as not measured. */
  public SloVerdict evaluate(LoadReport report) {
    String unit = metric.kind().unit();
    SloMetric.Measurement measured = metric.measure(report);
    double limit = timesAsked ? value * report.throughput().askedPerSecond() : value;
    Double limitOrNull = Double.isNaN(limit) ? null : limit;
    if (!measured.measured()) {
      return new SloVerdict(
          text, null, limitOrNull, unit, false, "not measured: " + measured.notMeasured());
    }
    if (limitOrNull == null) {
      return new SloVerdict(
          text,
          measured.value(),
          null,
          unit,
          false,
          "no asked rate: --shape max has no schedule to compare with");
    }
    return new SloVerdict(
        text, measured.value(), limit, unit, op.test(measured.value(), limit), null);
  }
}
