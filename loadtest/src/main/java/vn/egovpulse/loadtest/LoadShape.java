package vn.egovpulse.loadtest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How fast a load run sends, as data: the schedule of the k-th event's send time from the run's
 * start. The schedule is open-loop: it is a pure function of k, so a sender that falls behind (a
 * full send buffer, a GC pause) does not move later events; it sends them at once and the delay
 * shows in the latency measured from the scheduled time (coordinated omission corrected, as in
 * openmessaging-benchmark's rate limiter).
 *
 * <p>{@link Max} has no schedule: each event is due the moment the sender reaches it.
 */
public sealed interface LoadShape
    permits LoadShape.Constant, LoadShape.Ramp, LoadShape.Steps, LoadShape.Max {

  /** Whether events have a schedule (every shape but {@link Max}). */
  default boolean paced() {
    return true;
  }

  /**
   * When event {@code k} (0-based) is due, in microseconds from the run's start; non-decreasing in
   * k.
   *
   * @throws UnsupportedOperationException for {@link Max}
   */
  long scheduledMicros(long k);

  /** The highest rate the shape asks for, events per second (for bounds and charts). */
  double peakRate();

  /** The rate asked for at {@code micros} from the start, events per second (charts). */
  double rateAt(long micros);

  /** The flag form, e.g. {@code constant:5000}. */
  String describe();

  /**
   * The number of events due strictly before {@code micros} from the start: the events a run
   * bounded by that duration sends.
   */
  default long eventsBefore(long micros) {
    if (micros <= 0) {
      return 0;
    }
    // scheduledMicros is non-decreasing: binary search the first k due at or after micros
    long low = 0;
    long high = (long) Math.ceil(peakRate() * micros / 1e6) + 2;
    while (scheduledMicros(high) < micros) {
      high *= 2;
    }
    while (low < high) {
      long mid = low + (high - low) / 2;
      if (scheduledMicros(mid) < micros) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** The same rate throughout. */
  record Constant(double rate) implements LoadShape {
    public Constant {
      requirePositive(rate, "constant rate");
    }

    @Override
    public long scheduledMicros(long k) {
      return (long) Math.floor(k * 1e6 / rate);
    }

    @Override
    public double peakRate() {
      return rate;
    }

    @Override
    public double rateAt(long micros) {
      return rate;
    }

    @Override
    public String describe() {
      return "constant:" + LoadShapes.number(rate);
    }
  }

  /**
   * A rate that changes linearly from {@code from} to {@code to} over {@code spanMicros}, then
   * holds {@code to}. The events due by time t are the area under the rate: {@code E(t) = from·t +
   * (to−from)·t²/(2·span)}; event k is due at the root of {@code E(t) = k}.
   */
  record Ramp(double from, double to, long spanMicros) implements LoadShape {
    public Ramp {
      if (!(from >= 0) || Double.isInfinite(from)) {
        throw new IllegalArgumentException("ramp start rate must be 0 or more, was " + from);
      }
      requirePositive(to, "ramp end rate");
      if (spanMicros <= 0) {
        throw new IllegalArgumentException("ramp span must be positive, was " + spanMicros + " µs");
      }
    }

    @Override
    public long scheduledMicros(long k) {
      if (k <= 0) {
        return 0;
      }
      double span = spanMicros / 1e6;
      double slopeHalf = (to - from) / (2 * span); // a in a·t² + from·t = k
      double inRamp = from * span + slopeHalf * span * span;
      double seconds;
      if (k > inRamp) {
        seconds = span + (k - inRamp) / to;
      } else if (slopeHalf == 0) {
        seconds = k / from;
      } else {
        // the stable form of the quadratic root: 2k / (from + sqrt(from² + 4ak))
        seconds = 2 * k / (from + Math.sqrt(from * from + 4 * slopeHalf * k));
      }
      return (long) Math.floor(seconds * 1e6);
    }

    @Override
    public double peakRate() {
      return Math.max(from, to);
    }

    @Override
    public double rateAt(long micros) {
      if (micros >= spanMicros) {
        return to;
      }
      return from + (to - from) * Math.max(0, micros) / spanMicros;
    }

    @Override
    public String describe() {
      return "ramp:" + LoadShapes.number(from) + "-" + LoadShapes.number(to);
    }
  }

  /** One rate for a time. */
  record Step(double rate, long durationMicros) {
    public Step {
      requirePositive(rate, "step rate");
      if (durationMicros <= 0) {
        throw new IllegalArgumentException(
            "step duration must be positive, was " + durationMicros + " µs");
      }
    }
  }

  /** Rates one after the other; after the last step its rate holds. */
  record Steps(List<Step> steps) implements LoadShape {
    public Steps {
      if (steps == null || steps.isEmpty()) {
        throw new IllegalArgumentException("steps need at least one RATExDURATION");
      }
      steps = List.copyOf(steps);
    }

    /** The steps' durations added up. */
    public long totalMicros() {
      return steps.stream().mapToLong(Step::durationMicros).sum();
    }

    @Override
    public long scheduledMicros(long k) {
      long startMicros = 0;
      double before = 0; // events due before this step
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        double inStep = step.rate() * step.durationMicros() / 1e6;
        boolean last = i == steps.size() - 1;
        if (last || k < before + inStep) {
          return startMicros + (long) Math.floor((k - before) * 1e6 / step.rate());
        }
        before += inStep;
        startMicros += step.durationMicros();
      }
      throw new AssertionError("unreachable: the last step holds");
    }

    @Override
    public double peakRate() {
      return steps.stream().mapToDouble(Step::rate).max().orElseThrow();
    }

    @Override
    public double rateAt(long micros) {
      long end = 0;
      for (Step step : steps) {
        end += step.durationMicros();
        if (micros < end) {
          return step.rate();
        }
      }
      return steps.get(steps.size() - 1).rate();
    }

    @Override
    public String describe() {
      return "steps:"
          + steps.stream()
              .map(s -> LoadShapes.number(s.rate()) + "x" + LoadShapes.duration(s.durationMicros()))
              .collect(Collectors.joining(","));
    }
  }

  /**
   * As fast as the producer can send: no schedule, each event is due when the sender reaches it.
   */
  record Max() implements LoadShape {
    @Override
    public boolean paced() {
      return false;
    }

    @Override
    public long scheduledMicros(long k) {
      throw new UnsupportedOperationException("a max load has no schedule");
    }

    @Override
    public long eventsBefore(long micros) {
      throw new UnsupportedOperationException("a max load has no schedule");
    }

    @Override
    public double peakRate() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    public double rateAt(long micros) {
      return Double.NaN;
    }

    @Override
    public String describe() {
      return "max";
    }
  }

  private static void requirePositive(double rate, String what) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(what + " must be a positive number, was " + rate);
    }
  }
}
