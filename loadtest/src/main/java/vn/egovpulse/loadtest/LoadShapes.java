package vn.egovpulse.loadtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the load flags: {@code --shape constant:5000 | ramp:1000-20000 | steps:1000x10s,5000x10s |
 * max}, with {@code --duration 60s} or {@code --events 1000000}. Every error is an {@link
 * IllegalArgumentException} whose one-line message names the flag.
 */
public final class LoadShapes {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern RAMP = Pattern.compile("([^-]+)-(.+)");
  private static final Pattern STEP = Pattern.compile("([^x]+)x(.+)", Pattern.CASE_INSENSITIVE);

  private LoadShapes() {}

  /**
   * A plan from the flags.
   *
   * @param shape the {@code --shape} value
   * @param duration the {@code --duration} value, or null
   * @param events the {@code --events} value, or null
   */
  public static LoadPlan plan(String shape, String duration, Long events) {
    if (duration != null && events != null) {
      throw new IllegalArgumentException("give --duration or --events, not both");
    }
    if (events != null && events < 1) {
      throw new IllegalArgumentException("--events must be at least 1, was " + events);
    }
    long durationMicros = duration == null ? -1 : parseDuration(duration, "--duration");
    if (durationMicros == 0) {
      throw new IllegalArgumentException("--duration must be positive, was " + duration);
    }
    String spec = shape == null ? "" : shape.trim().toLowerCase(Locale.ROOT);
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? spec : spec.substring(0, colon);
    String args = colon < 0 ? "" : spec.substring(colon + 1);
    return switch (kind) {
      case "max" -> {
        if (!args.isEmpty()) {
          throw new IllegalArgumentException("--shape max takes no value, was " + shape);
        }
        yield bounded(new LoadShape.Max(), durationMicros, events);
      }
      case "constant" ->
          bounded(
              new LoadShape.Constant(rate(args, "--shape constant:RATE", shape)),
              durationMicros,
              events);
      case "ramp" -> ramp(args, shape, durationMicros, events);
      case "steps" -> steps(args, shape, durationMicros, events);
      default ->
          throw new IllegalArgumentException(
              "--shape must be constant:RATE, ramp:FROM-TO, steps:RATExDURATION,... or max, was "
                  + (shape == null ? "nothing" : shape));
    };
  }

  private static LoadPlan ramp(String args, String shape, long durationMicros, Long events) {
    Matcher m = RAMP.matcher(args);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--shape ramp:FROM-TO expects two rates like ramp:1000-20000, was " + shape);
    }
    double from = number(m.group(1), "--shape ramp:FROM-TO", shape);
    double to = number(m.group(2), "--shape ramp:FROM-TO", shape);
    if (from < 0 || to <= 0) {
      throw new IllegalArgumentException(
          "--shape ramp:FROM-TO needs FROM >= 0 and TO > 0 events/s, was " + shape);
    }
    if (events == null && durationMicros < 0) {
      throw neitherBound(shape);
    }
    // by count, the ramp spans the time its area takes to reach the count: n = (from+to)/2·T
    long span =
        durationMicros > 0
            ? durationMicros
            : Math.max(1, (long) Math.ceil(2e6 * events / (from + to)));
    return bounded(new LoadShape.Ramp(from, to, span), durationMicros, events);
  }

  private static LoadPlan steps(String args, String shape, long durationMicros, Long events) {
    List<LoadShape.Step> steps = new ArrayList<>();
    for (String part : args.split(",", -1)) {
      Matcher m = STEP.matcher(part.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "--shape steps:RATExDURATION,... expects e.g. steps:1000x10s,5000x10s, was " + shape);
      }
      double rate = rate(m.group(1), "--shape steps:RATExDURATION", shape);
      long micros = parseDuration(m.group(2), "--shape steps:RATExDURATION");
      if (micros <= 0) {
        throw new IllegalArgumentException(
            "--shape steps:RATExDURATION needs a positive duration per step, was " + shape);
      }
      steps.add(new LoadShape.Step(rate, micros));
    }
    LoadShape.Steps shaped = new LoadShape.Steps(steps);
    // the steps carry their own length: with neither bound the run lasts their sum
    if (events == null && durationMicros < 0) {
      return LoadPlan.ofDuration(shaped, shaped.totalMicros());
    }
    return bounded(shaped, durationMicros, events);
  }

  private static LoadPlan bounded(LoadShape shape, long durationMicros, Long events) {
    if (events != null) {
      return LoadPlan.ofEvents(shape, events);
    }
    if (durationMicros > 0) {
      return LoadPlan.ofDuration(shape, durationMicros);
    }
    throw neitherBound(shape.describe());
  }

  private static IllegalArgumentException neitherBound(String shape) {
    return new IllegalArgumentException(
        "--shape " + shape + " needs --duration (e.g. 60s) or --events (e.g. 1000000)");
  }

  private static double rate(String text, String flag, String shape) {
    double rate = number(text, flag, shape);
    if (!(rate > 0)) {
      throw new IllegalArgumentException(
          flag + " needs a rate above 0 events/s, was " + (shape.isBlank() ? "nothing" : shape));
    }
    return rate;
  }

  private static double number(String text, String flag, String shape) {
    try {
      double value = Double.parseDouble(text.trim());
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " expects a number of events/s, was '" + text + "' in " + shape);
    }
  }

  /**
   * {@code 500ms}, {@code 10s}, {@code 1.5m}, {@code 1h}; a bare number is seconds.
   *
   * @return microseconds
   */
  public static long parseDuration(String text, String flag) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag + " expects a duration like 500ms, 10s, 2m or 1h, was '" + text + "'");
    }
    BigDecimal value = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    long microsPerUnit =
        switch (unit) {
          case "ms" -> 1_000L;
          case "s" -> 1_000_000L;
          case "m" -> 60_000_000L;
          default -> 3_600_000_000L;
        };
    return value.multiply(BigDecimal.valueOf(microsPerUnit)).longValue();
  }

  /** A rate or count without a useless {@code .0}. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Microseconds as the shortest of {@code 10s}, {@code 500ms}, {@code 2m}. */
  public static String duration(long micros) {
    if (micros % 60_000_000L == 0 && micros >= 60_000_000L) {
      return micros / 60_000_000L + "m";
    }
    if (micros % 1_000_000L == 0) {
      return micros / 1_000_000L + "s";
    }
    if (micros % 1_000L == 0) {
      return micros / 1_000L + "ms";
    }
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString() + "s";
  }
}
