package vn.egovpulse.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import vn.egovpulse.loadtest.LoadResult;
import vn.egovpulse.verify.Verdict;

/**
 * Everything a load run reports, as data: the console table, the JSON file and the HTML page are
 * three views of this record (JSON first, pictures from it, as openmessaging-benchmark does).
 *
 * @param mode {@code embedded} (broker and streams-app in this JVM) or {@code external}
 * @param endToEnd end-to-end latency, or null when streams-app runs in another JVM
 * @param lagDrainedSeconds from the last acknowledgement to streams-app's consumer lag reaching 0
 *     (polled every 250 ms), or -1 when it did not drain in time
 * @param notes caveats of this run, one line each
 * @param slos each {@code --slo} judged, in the order given (empty without any)
 */
public record LoadReport(
    String runId,
    String plan,
    String scenario,
    double scale,
    String mode,
    String startedAt,
    Throughput throughput,
    Latency sendLatency,
    Latency endToEnd,
    double lagDrainedSeconds,
    Errors errors,
    Verification verification,
    List<LoadResult.Second> timeline,
    List<String> notes,
    List<SloVerdict> slos) {

  public LoadReport {
    timeline = List.copyOf(timeline);
    notes = List.copyOf(notes);
    slos = slos == null ? List.of() : List.copyOf(slos); // a report written before --slo existed
  }

  /** This report with {@code verdicts} as its SLO table. */
  public LoadReport withSlos(List<SloVerdict> verdicts) {
    return new LoadReport(
        runId,
        plan,
        scenario,
        scale,
        mode,
        startedAt,
        throughput,
        sendLatency,
        endToEnd,
        lagDrainedSeconds,
        errors,
        verification,
        timeline,
        notes,
        verdicts);
  }

  /**
   * What was asked and what was achieved.
   *
   * @param plannedEvents events the plan asked for, -1 when not known up front ({@code max} for a
   *     duration)
   * @param askedPerSecond planned events over the schedule's length; NaN for {@code max}
   * @param achievedPerSecond acknowledged events over the time from the start to the last
   *     acknowledgement
   * @param sendSeconds from the start to the last event handed to the producer
   * @param ackedSeconds from the start to the last acknowledgement
   * @param maxScheduleLagMs the furthest the sender fell behind its schedule
   */
  public record Throughput(
      long plannedEvents,
      long eventsSent,
      long eventsAcked,
      long dossiers,
      long logins,
      double askedPerSecond,
      double achievedPerSecond,
      double sendSeconds,
      double ackedSeconds,
      double maxScheduleLagMs) {

    public static Throughput of(LoadResult result) {
      return new Throughput(
          result.plannedEvents(),
          result.eventsSent(),
          result.eventsAcked(),
          result.dossiersSent(),
          result.loginsSent(),
          result.askedRate(),
          result.achievedRate(),
          result.sendMicros() / 1e6,
          result.ackedMicros() / 1e6,
          result.maxScheduleLagMicros() / 1e3);
    }
  }

  /**
   * A latency distribution in milliseconds, from an HdrHistogram in microseconds.
   *
   * @param count values recorded
   * @param curve the percentile distribution (for the chart): percentile → milliseconds
   */
  public record Latency(
      long count,
      double meanMs,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      List<Point> curve) {

    /** The percentiles the chart plots, spaced for a log(1/(1−p)) axis. */
    static final double[] CURVE =
        new double[] {
          0, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.975, 99.99, 99.995, 99.999
        };

    public Latency {
      curve = List.copyOf(curve);
    }

    public static Latency of(Histogram micros) {
      List<Point> curve = new ArrayList<>();
      if (micros.getTotalCount() > 0) {
        for (double p : CURVE) {
          curve.add(new Point(p, ms(micros.getValueAtPercentile(p))));
        }
        curve.add(new Point(100, ms(micros.getMaxValue())));
      }
      return new Latency(
          micros.getTotalCount(),
          micros.getTotalCount() == 0 ? 0 : micros.getMean() / 1e3,
          ms(micros.getValueAtPercentile(50)),
          ms(micros.getValueAtPercentile(90)),
          ms(micros.getValueAtPercentile(99)),
          ms(micros.getValueAtPercentile(99.9)),
          ms(micros.getMaxValue()),
          curve);
    }

    private static double ms(long micros) {
      return micros / 1e3;
    }
  }

  /** One point of a percentile distribution. */
  public record Point(double percentile, double ms) {}

  /** Send errors: records the producer could not deliver. */
  public record Errors(long count, String first) {}

  /**
   * The ground-truth check that ends every load run.
   *
   * @param exact nothing lost, nothing duplicated, every count equal
   * @param line {@code verified: N units, M windows, 0 lost, 0 duplicated} or what differs
   * @param compared whether the aggregates were compared at all: without it, lost and duplicated
   *     are not figures of the run
   */
  public record Verification(
      boolean exact,
      String line,
      long units,
      long windows,
      long lost,
      long duplicated,
      List<String> differences,
      boolean compared) {

    public Verification {
      differences = List.copyOf(differences);
    }

    /** A comparison's verdict. */
    public Verification(
        boolean exact,
        String line,
        long units,
        long windows,
        long lost,
        long duplicated,
        List<String> differences) {
      this(exact, line, units, windows, lost, duplicated, differences, true);
    }

    public static Verification of(Verdict verdict) {
      return new Verification(
          verdict.exact(),
          verdict.line(),
          verdict.units(),
          verdict.windows(),
          verdict.lost(),
          verdict.duplicated(),
          verdict.differences().stream().map(Verdict.Difference::describe).toList());
    }

    /** No comparison was possible (the run did not complete). */
    public static Verification notPossible(String why) {
      return new Verification(false, "NOT verified: " + why, 0, 0, 0, 0, List.of(), false);
    }
  }

  /** Whether the run ended verified exact: the only case the command exits 0. */
  public boolean verified() {
    return verification.exact();
  }

  /** Whether every {@code --slo} held (true without any). */
  public boolean slosHeld() {
    return slos.stream().allMatch(SloVerdict::held);
  }
}
