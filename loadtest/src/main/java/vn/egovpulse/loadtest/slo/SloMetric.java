package vn.egovpulse.loadtest.slo;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import vn.egovpulse.loadtest.report.LoadReport;

/**
 * What an SLO can be about: the figures a load report holds. Each one is read from the report, or
 * is "not measured" with the reason, which fails the SLO (a figure that was not measured never
 * holds).
 */
public enum SloMetric {
  SEND_MEAN("send.mean", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::meanMs)),
  SEND_P50("send.p50", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::p50Ms)),
  SEND_P90("send.p90", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::p90Ms)),
  SEND_P99("send.p99", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::p99Ms)),
  SEND_P999("send.p999", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::p999Ms)),
  SEND_MAX("send.max", Kind.LATENCY, r -> latency(r.sendLatency(), LoadReport.Latency::maxMs)),
  E2E_MEAN("e2e.mean", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::meanMs)),
  E2E_P50("e2e.p50", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::p50Ms)),
  E2E_P90("e2e.p90", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::p90Ms)),
  E2E_P99("e2e.p99", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::p99Ms)),
  E2E_P999("e2e.p999", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::p999Ms)),
  E2E_MAX("e2e.max", Kind.LATENCY, r -> latency(r.endToEnd(), LoadReport.Latency::maxMs)),
  LOST("lost", Kind.COUNT, r -> truth(r, r.verification().lost())),
  DUPLICATED("duplicated", Kind.COUNT, r -> truth(r, r.verification().duplicated())),
  ACHIEVED("achieved", Kind.RATE, r -> Measurement.of(r.throughput().achievedPerSecond())),
  DRAIN("drain", Kind.DRAIN, SloMetric::drain);

  /** How a metric's value is written and compared. */
  public enum Kind {
    /** milliseconds; the SLO gives a duration with its unit */
    LATENCY("ms"),
    /** seconds; the SLO gives a duration with its unit */
    DRAIN("s"),
    /** a whole number */
    COUNT(""),
    /** events per second; the SLO gives a number or {@code F*asked} */
    RATE("events/s");

    final String unit;

    Kind(String unit) {
      this.unit = unit;
    }

    public String unit() {
      return unit;
    }

    boolean duration() {
      return this == LATENCY || this == DRAIN;
    }
  }

  /** A figure of the report, or why there is none. */
  public record Measurement(double value, String notMeasured) {
    static Measurement of(double value) {
      return new Measurement(value, null);
    }

    static Measurement none(String why) {
      return new Measurement(Double.NaN, why);
    }

    public boolean measured() {
      return notMeasured == null;
    }
  }

  private final String key;
  private final Kind kind;
  private final Function<LoadReport, Measurement> measure;

  SloMetric(String key, Kind kind, Function<LoadReport, Measurement> measure) {
    this.key = key;
    this.kind = kind;
    this.measure = measure;
  }

  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  public Measurement measure(LoadReport report) {
    return measure.apply(report);
  }

  static Optional<SloMetric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  /** {@code send.mean, send.p50, ..., drain}: for the error messages. */
  static String keys() {
    return Arrays.stream(values()).map(SloMetric::key).collect(Collectors.joining(", "));
  }

  private static Measurement latency(
      LoadReport.Latency latency, ToDoubleFunction<LoadReport.Latency> figure) {
    if (latency == null) {
      return Measurement.none("no end-to-end latency in this run");
    }
    if (latency.count() == 0) {
      return Measurement.none("no latency recorded");
    }
    return Measurement.of(figure.applyAsDouble(latency));
  }

  /** Lost and duplicated exist only when the aggregates were compared with the truth. */
  private static Measurement truth(LoadReport report, long count) {
    return report.verification().compared()
        ? Measurement.of(count)
        : Measurement.none("no ground-truth comparison (" + report.verification().line() + ")");
  }

  private static Measurement drain(LoadReport report) {
    return report.lagDrainedSeconds() < 0
        ? Measurement.none("streams-app's lag did not drain (see the notes)")
        : Measurement.of(report.lagDrainedSeconds());
  }
}
